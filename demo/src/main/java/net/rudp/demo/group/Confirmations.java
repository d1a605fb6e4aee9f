package net.rudp.demo.group;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The master's view of who has what (no I/O, not thread-safe): each other member's
 * acknowledgements per origin, and from them how far each origin's messages are held by the
 * master and every other member of the group. Only that far is a message confirmed to its
 * origin, which may then forget it: if the master dies, whoever becomes master has it.
 *
 * <p>A member that has not joined yet, or has left, counts with what it last acknowledged (nothing,
 * if it never joined): it may still become the master, so confirming past it could lose a message
 * for good (a follower confirmed by the old master before the next master had joined it did, and
 * the next master never got the message). The price: once a member is gone for good, the origins
 * keep their later messages, to send them again after a failover.
 */
final class Confirmations {
    private final Map<Integer, long[]> acked = new HashMap<>();
    private final long[] confirmed;

    /** The view of member {@code self} as master of a group of {@code members}. */
    Confirmations(int members, int self) {
        this.confirmed = new long[members];
        for (int id = 1; id <= members; id++) {
            if (id != self) acked.put(id, new long[members]);
        }
    }

    /** A follower joined with what it {@code has}. */
    void join(int follower, long[] has) {
        long[] a = acked.get(follower);
        for (int origin = 0; origin < has.length; origin++) a[origin] = Math.max(a[origin], has[origin]);
    }

    /** {@code follower} has delivered {@code origin}'s messages up to {@code seq}. */
    void ack(int follower, int origin, long seq) {
        long[] a = acked.get(follower);
        if (a != null) {
            a[origin - 1] = Math.max(a[origin - 1], seq);
        }
    }

    /**
     * How far {@code origin}'s messages are now held everywhere, given that the master has
     * {@code masterHas} of them, if that is further than last confirmed.
     */
    OptionalLong advance(int origin, long masterHas) {
        long stable = masterHas;
        for (Map.Entry<Integer, long[]> e : acked.entrySet()) {
            if (e.getKey() != origin) {
                stable = Math.min(stable, e.getValue()[origin - 1]);
            }
        }
        if (stable <= confirmed[origin - 1]) {
            return OptionalLong.empty();
        }
        confirmed[origin - 1] = stable;
        return OptionalLong.of(stable);
    }

    /** What was last confirmed to {@code origin}. */
    long confirmed(int origin) {
        return confirmed[origin - 1];
    }
}
