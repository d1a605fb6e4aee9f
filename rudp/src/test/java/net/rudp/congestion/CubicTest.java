package net.rudp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CubicTest {

    private static final int MSS = 1000;
    private static final long MS = 1_000_000;

    /** A CUBIC flow whose first slow start reached {@code segments}, then lost a packet. */
    private static AckStream afterLossAt(Cubic cubic, long segments, long rttNanos) {
        AckStream acks = new AckStream(cubic, MSS, rttNanos);
        acks.idle(rttNanos);
        acks.ack(acks.now(), segments * MSS - cubic.congestionWindow(), 0);
        assertEquals(segments * MSS, cubic.congestionWindow());
        acks.loss(0);
        return acks;
    }

    @Test
    void kIsTheCubeRootOfTheDistanceToWmaxOverC() {
        // RFC 9438 4.2 with W_max = 100, cwnd_epoch = 70: K = cbrt(30 / 0.4) = cbrt(75).
        assertEquals(4.2172, Cubic.k(100, 70), 1e-4);
        assertEquals(0, Cubic.k(50, 50));
        assertEquals(100, Cubic.wCubic(Cubic.k(100, 70), Cubic.k(100, 70), 100), 1e-9);
        assertEquals(70, Cubic.wCubic(0, Cubic.k(100, 70), 100), 1e-9);
    }

    @Test
    void aLossSetsTheWindowToSevenTenthsOfWmax() {
        Cubic cubic = new Cubic(MSS);
        afterLossAt(cubic, 100, 200 * MS);
        assertEquals(70_000, cubic.congestionWindow());
        assertEquals(70_000, cubic.slowStartThreshold());
        assertEquals(100, cubic.wMax(), 1e-9);
    }

    @Test
    void growthFollowsTheCubicCurveConcaveBelowWmaxConvexAbove() {
        Cubic cubic = new Cubic(MSS);
        long rtt = 200 * MS; // long enough that the Reno-friendly estimate stays below the curve
        AckStream acks = afterLossAt(cubic, 100, rtt);
        acks.roundTrip(); // recovery; its last ACK starts the congestion avoidance stage
        long epoch = acks.now();
        assertEquals(Cubic.k(100, 70), cubic.k(), 1e-9);

        double previous = cubic.congestionWindow() / (double) MSS;
        double previousGrowth = Double.NaN;
        for (int second = 1; second <= 8; second++) {
            while (acks.now() - epoch < second * 1_000 * MS) acks.roundTrip();
            double t = (acks.now() - epoch) / 1e9;
            double cwnd = cubic.congestionWindow() / (double) MSS;
            // cwnd chases W_cubic(t + RTT) ACK by ACK, so it lies between W_cubic(t) and W_cubic(t + RTT).
            double low = Cubic.wCubic(t, cubic.k(), 100);
            double high = Cubic.wCubic(t + rtt / 1e9, cubic.k(), 100);
            assertTrue(cwnd >= low - 0.5 && cwnd <= high + 0.5,
                "t=" + t + ": cwnd " + cwnd + " segments, W_cubic between " + low + " and " + high);
            double growth = cwnd - previous;
            if (second >= 2 && t < cubic.k()) {
                assertTrue(growth < previousGrowth, "concave before K: growth shrinks, t=" + t);
            }
            if (second >= 6) {
                assertTrue(growth > previousGrowth, "convex after K: growth accelerates, t=" + t);
            }
            previous = cwnd;
            previousGrowth = growth;
        }
        assertTrue(previous > 100, "beyond W_max after 8 s: " + previous);
    }

    @Test
    void theRenoFriendlyRegionDominatesOnShortRoundTrips() {
        Cubic cubic = new Cubic(MSS);
        long rtt = MS;
        AckStream acks = afterLossAt(cubic, 10, rtt);
        acks.roundTrip(); // recovery
        for (int i = 0; i < 100; i++) acks.roundTrip();
        double cwnd = cubic.congestionWindow() / (double) MSS;
        double t = 0.1;
        // The cubic curve has barely moved from 7 segments ...
        assertTrue(Cubic.wCubic(t, cubic.k(), 10) < 8);
        // ... while Reno's estimate grew alpha_cubic segments per RTT up to cwnd_prior (10), then
        // one per RTT: 7 + 3 in about 6 RTTs, then about 94 more.
        assertTrue(cwnd > 95 && cwnd < 110, "Reno-friendly window: " + cwnd);
    }

    @Test
    void fastConvergenceLowersWmaxWhenTheWindowShrinksBetweenLosses() {
        Cubic cubic = new Cubic(MSS);
        AckStream acks = afterLossAt(cubic, 100, 200 * MS);
        acks.idle(MS);
        acks.loss(0); // sent after the first recovery began: a new congestion event, at 70 < W_max
        // RFC 9438 4.7: W_max = cwnd · (1 + β) / 2.
        assertEquals(70 * 1.7 / 2, cubic.wMax(), 1e-9);
        assertEquals(49_000, cubic.congestionWindow());
    }

    @Test
    void withoutShrinkingWmaxIsTheWindowAtTheLoss() {
        Cubic cubic = new Cubic(MSS);
        AckStream acks = afterLossAt(cubic, 100, 20 * MS);
        acks.roundTripsUntil(110 * MSS, 1000);
        acks.loss(0);
        assertEquals(cubic.congestionWindow() / 0.7 / MSS, cubic.wMax(), 0.01);
        assertTrue(cubic.wMax() >= 110);
    }

    @Test
    void aTimeoutRestartsFromOneSegmentAndTheNextStageStartsConvex() {
        Cubic cubic = new Cubic(MSS);
        AckStream acks = new AckStream(cubic, MSS, 50 * MS);
        acks.roundTripsUntil(100 * MSS, 10);
        cubic.onRetransmissionTimeout(acks.now(), 100_000);
        assertEquals(MSS, cubic.congestionWindow());
        assertEquals(70_000, cubic.slowStartThreshold(), "RFC 9438 4.8: ssthresh with beta_cubic");

        acks.roundTripsUntil(70_000, 20); // slow start back to ssthresh
        acks.roundTrip();
        // RFC 9438 4.8: K = 0 and W_max = the window when congestion avoidance began.
        assertEquals(0, cubic.k(), 1e-9);
        assertTrue(cubic.wMax() >= 70 && cubic.wMax() < cubic.congestionWindow() / (double) MSS);
    }

    @Test
    void aSpuriousLossRestoresWindowThresholdAndCurve() {
        Cubic cubic = new Cubic(MSS);
        AckStream acks = afterLossAt(cubic, 100, 200 * MS);
        for (int i = 0; i < 5; i++) acks.roundTrip();
        long window = cubic.congestionWindow();
        double k = cubic.k();
        acks.loss(0);
        assertEquals(Math.max(2 * MSS, (long) (window * 0.7)), cubic.congestionWindow());
        cubic.onSpuriousLoss(acks.now());
        assertEquals(window, cubic.congestionWindow());
        assertEquals(70_000, cubic.slowStartThreshold());
        assertEquals(100, cubic.wMax(), 1e-9);
        assertEquals(k, cubic.k(), 1e-9);
    }

    @Test
    void hyStartLeavesTheFirstSlowStartOnRisingDelayBeforeTheBufferOverflows() {
        // 10 Mbit/s, 40 ms, a buffer of 20 BDP: slow start fills the queue long before it overflows.
        Cubic cubic = new Cubic(1200);
        FakePath path = new FakePath(cubic, 1200, 1_250_000, 40 * MS, 1_000_000, 0, 1);
        path.run(4_000 * MS);
        assertTrue(cubic.slowStartThreshold() < Long.MAX_VALUE, "left slow start: " + cubic);
        assertEquals(0, path.lostPackets());

        // Plain slow start on the same path overshoots until the buffer overflows.
        NewReno reno = new NewReno(1200);
        FakePath same = new FakePath(reno, 1200, 1_250_000, 40 * MS, 1_000_000, 0, 1);
        same.run(4_000 * MS);
        assertTrue(same.lostPackets() > 0);
    }
}
