package net.rudp.demo.group;

import java.util.ArrayList;
import java.util.List;
import net.rudp.demo.group.GroupMessage.Publish;

/**
 * One member's record of the group's stream (no I/O, not thread-safe: the member guards it):
 * every message it has delivered, its own included, in the order delivered; for each origin
 * how many it has delivered (messages of one origin arrive in order, so "how many" is "up to
 * which"); and its own messages the master has not confirmed yet.
 *
 * <p>Receivers deduplicate by (origin, seq): after a failover a message may come again, re-sent
 * by its origin or replayed by the new master, and is then dropped. A message that skips one is
 * refused: it would mean one was lost, which the protocol exists to prevent.
 */
final class GroupLog {
    /** What became of a message offered to {@link #deliver}. */
    enum Delivery { DELIVERED, DUPLICATE, GAP }

    private final int self;
    private final long[] have;
    private final List<Publish> delivered = new ArrayList<>();
    private long confirmed;
    private long duplicates;

    GroupLog(int self, int members) {
        this.self = self;
        this.have = new long[members];
    }

    /** Numbers and records this member's next message. */
    Publish publish() {
        Publish p = new Publish(self, ++have[self - 1]);
        delivered.add(p);
        return p;
    }

    /** Delivers {@code p} if it is its origin's next message. */
    Delivery deliver(Publish p) {
        long next = have[p.origin() - 1] + 1;
        if (p.seq() < next) {
            duplicates++;
            return Delivery.DUPLICATE;
        }
        if (p.seq() > next) {
            return Delivery.GAP;
        }
        have[p.origin() - 1] = p.seq();
        delivered.add(p);
        return Delivery.DELIVERED;
    }

    /** How many of each member's messages this member has delivered (index 0 is member 1). */
    long[] have() {
        return have.clone();
    }

    long has(int origin) {
        return have[origin - 1];
    }

    /** What a member that has {@code peerHave} lacks of what this one delivered, in order, but for its own messages. */
    List<Publish> missingAt(int peer, long[] peerHave) {
        return delivered.stream().filter(p -> p.origin() != peer && p.seq() > peerHave[p.origin() - 1]).toList();
    }

    /** This member's messages after the first {@code peerHas} that are not confirmed yet: to send again to a new master. */
    List<Publish> unconfirmedAfter(long peerHas) {
        List<Publish> again = new ArrayList<>();
        for (long seq = Math.max(confirmed, peerHas) + 1; seq <= have[self - 1]; seq++) {
            again.add(new Publish(self, seq));
        }
        return again;
    }

    /** The master confirmed this member's messages up to {@code seq}: every member has them; no need to keep them. */
    void confirm(long seq) {
        confirmed = Math.max(confirmed, Math.min(seq, have[self - 1]));
    }

    long unconfirmed() {
        return have[self - 1] - confirmed;
    }

    long duplicates() {
        return duplicates;
    }
}
