package net.rudp.congestion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.rudp.CongestionControl;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/**
 * Whatever the connection reports, in whatever order (within the contract: time never goes
 * backwards), every controller keeps a sane window and rate.
 */
class ControllerPropertiesTest {

    /** One call the connection makes, {@code afterNanos} after the previous one. */
    sealed interface Event {
        long afterNanos();
    }

    record Sent(long afterNanos, int bytes, long inFlight) implements Event {}

    record Ack(long afterNanos, long bytes, long rtt, long srtt, long inFlight, long rate, boolean appLimited,
               long sentAgo, long priorDeliveredBack) implements Event {}

    record Loss(long afterNanos, long bytes, long sentAgo) implements Event {}

    record Timeout(long afterNanos, long inFlight) implements Event {}

    record Spurious(long afterNanos) implements Event {}

    record Case(CongestionControl kind, int mss, long seed, List<Event> events) {
        @Override
        public String toString() {
            return kind + " mss=" + mss + " seed=" + seed + " " + events.size() + " events " + events;
        }
    }

    private static long anyTime(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextLong(1_000_000);
            case 2 -> r.nextLong(1_000_000_000);
            default -> r.nextLong(20_000_000_000L);
        };
    }

    private static long anySize(SplittableRandom r, int mss) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1 + r.nextInt(mss);
            case 2 -> mss * (1 + r.nextLong(100));
            default -> r.nextLong(1L << 40);
        };
    }

    private static long anyRate(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextLong(10_000_000);
            case 2 -> r.nextLong(100_000_000_000L);
            default -> Long.MAX_VALUE / (1 + r.nextInt(1000));
        };
    }

    private static Event anyEvent(SplittableRandom r, int mss) {
        long after = r.nextInt(3) == 0 ? 0 : anyTime(r);
        return switch (r.nextInt(10)) {
            case 0, 1, 2 -> new Sent(after, 1 + r.nextInt(mss), anySize(r, mss));
            case 3, 4, 5, 6 -> new Ack(after, anySize(r, mss), r.nextBoolean() ? 0 : 1 + anyTime(r), anyTime(r),
                anySize(r, mss), anyRate(r), r.nextInt(4) == 0, anyTime(r), anySize(r, mss));
            case 7 -> new Loss(after, anySize(r, mss), anyTime(r));
            case 8 -> new Timeout(after, anySize(r, mss));
            default -> new Spurious(after);
        };
    }

    private static Case anyCase(SplittableRandom r) {
        CongestionControl kind = CongestionControl.values()[r.nextInt(CongestionControl.values().length)];
        int mss = r.nextBoolean() ? 1200 : 64 + r.nextInt(9000);
        List<Event> events = new ArrayList<>();
        int n = r.nextInt(400);
        for (int i = 0; i < n; i++) events.add(anyEvent(r, mss));
        return new Case(kind, mss, r.nextLong(), events);
    }

    private static List<Case> simpler(Case c) {
        List<Case> out = new ArrayList<>();
        List<Event> events = c.events();
        int n = events.size();
        if (n == 0) return out;
        out.add(new Case(c.kind(), c.mss(), c.seed(), events.subList(0, n / 2)));
        out.add(new Case(c.kind(), c.mss(), c.seed(), events.subList(n / 2, n)));
        for (int i = n - 1; i >= 0 && i >= n - 40; i--) {
            List<Event> fewer = new ArrayList<>(events);
            fewer.remove(i);
            out.add(new Case(c.kind(), c.mss(), c.seed(), fewer));
        }
        return out;
    }

    /** Replays a case, checking the invariants after every call. */
    private static void replay(Case c) {
        CongestionController cc = CongestionControllers.create(c.kind(), c.mss(), c.seed());
        long mss = c.mss();
        boolean bbr = c.kind() == CongestionControl.BBR;
        long initial = cc.congestionWindow();
        long now = 1_000_000_000_000L;
        long delivered = 0;
        long ackedTotal = 0;
        long thresholdFloor = bbr ? 4 * mss : 2 * mss;
        long floor = thresholdFloor; // loss-based: 1 MSS from a timeout until the window is back at 2
        check(cc, floor, thresholdFloor, initial, 0, "initially");
        for (Event e : c.events()) {
            now += e.afterNanos();
            switch (e) {
                case Sent s -> cc.onPacketSent(now, s.bytes(), s.inFlight());
                case Ack a -> {
                    delivered = WindowMath.add(delivered, a.bytes());
                    ackedTotal = WindowMath.add(ackedTotal, a.bytes());
                    long prior = Math.max(0, delivered - a.priorDeliveredBack());
                    cc.onAck(new AckSample(now, a.bytes(), a.rtt(), a.srtt(), a.inFlight(), a.rate(),
                        a.appLimited(), now - a.sentAgo(), delivered, prior, 0));
                }
                case Loss l -> cc.onCongestionEvent(new LossSample(now, l.bytes(), now - l.sentAgo()));
                case Timeout t -> {
                    cc.onRetransmissionTimeout(now, t.inFlight());
                    if (!bbr) floor = mss;
                }
                case Spurious s -> cc.onSpuriousLoss(now);
            }
            if (!bbr && cc.congestionWindow() >= 2 * mss) floor = 2 * mss;
            check(cc, floor, thresholdFloor, initial, ackedTotal, "after " + e);
        }
    }

    private static void check(CongestionController cc, long floor, long thresholdFloor, long initial, long ackedTotal,
                              String when) {
        long cwnd = cc.congestionWindow();
        assertTrue(cwnd >= floor, "cwnd " + cwnd + " below its floor " + floor + " " + when + ": " + cc);
        // The window grows only by what ACKs deliver: this also catches any overflow.
        assertTrue(cwnd <= WindowMath.add(initial, ackedTotal),
            "cwnd " + cwnd + " grew by more than the " + ackedTotal + " bytes acknowledged " + when + ": " + cc);
        assertTrue(cc.slowStartThreshold() >= thresholdFloor, "ssthresh " + cc.slowStartThreshold() + " " + when);
        assertTrue(cc.pacingRate() >= 0, "pacing rate " + cc.pacingRate() + " " + when);
    }

    @Test
    void everyControllerKeepsASaneWindowAndRateWhateverHappens() {
        Property.of("controllers keep cwnd >= floor, bounded by ACKed bytes, rate >= 0", ControllerPropertiesTest::anyCase)
            .tries(300)
            .shrinkWith(ControllerPropertiesTest::simpler)
            .check(ControllerPropertiesTest::replay);
    }
}
