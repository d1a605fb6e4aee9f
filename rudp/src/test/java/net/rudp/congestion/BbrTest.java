package net.rudp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/** BBR on a fake 10 Mbit/s, 40 ms path (BDP 50 kB) unless a test says otherwise. */
class BbrTest {

    private static final int MSS = 1200;
    private static final long MS = 1_000_000;
    private static final long RATE = 1_250_000; // 10 Mbit/s in bytes per second
    private static final long RTT = 40 * MS;
    private static final long BDP = RATE * RTT / 1_000_000_000L;

    private final Bbr bbr = new Bbr(MSS, 1);

    private FakePath path(long bufferBytes, double lossRate, long seed) {
        return new FakePath(bbr, MSS, RATE, RTT, bufferBytes, lossRate, seed);
    }

    /** A path the flow has run on for 3 s: long past STARTUP, steady in PROBE_BW. */
    private FakePath steadyPath() {
        FakePath path = path(BDP, 0, 1);
        path.run(3_000 * MS);
        return path;
    }

    /** The share of the link's rate the flow delivered while {@code path} ran for {@code nanos}. */
    private static double utilization(FakePath path, long nanos, long rate) {
        long before = path.delivered();
        path.run(nanos);
        return (path.delivered() - before) / (rate * nanos / 1e9);
    }

    @Test
    void learnsTheBottleneckBandwidthAndMinRttAndKeepsTwoBdpInFlight() {
        FakePath path = steadyPath();
        assertEquals(RATE, bbr.bottleneckBandwidth(), RATE * 0.02, bbr.toString());
        // 40 ms of propagation plus one segment's serialization (0.96 ms).
        assertEquals(40.96, bbr.minRttNanos() / 1e6, 0.1);
        assertEquals(2 * BDP, bbr.congestionWindow(), 0.15 * 2 * BDP, bbr.toString());
        assertTrue(utilization(path, 5_000 * MS, RATE) > 0.95);
        assertEquals(Bbr.Mode.PROBE_BW, bbr.mode());
        assertEquals(bbr.pacingGain() * bbr.bottleneckBandwidth(), bbr.pacingRate(), 1);
    }

    @Test
    void startupDoublesTheRateUntilTheBandwidthStopsGrowingThenDrains() {
        FakePath path = path(BDP, 0, 1);
        List<Bbr.Mode> modes = new ArrayList<>();
        long fifthAt = -1;
        long fullAt = -1;
        long startupEndedAt = -1;
        for (long t = 0; t < 2_000 * MS; t += MS) {
            path.run(MS);
            if (modes.isEmpty() || modes.getLast() != bbr.mode()) modes.add(bbr.mode());
            if (bbr.mode() == Bbr.Mode.STARTUP) {
                assertEquals(2 / Math.log(2), bbr.pacingGain(), 1e-9);
            } else if (startupEndedAt < 0) {
                startupEndedAt = path.now();
            }
            if (fifthAt < 0 && bbr.bottleneckBandwidth() >= RATE / 5) fifthAt = path.now();
            if (fullAt < 0 && bbr.bottleneckBandwidth() >= 0.9 * RATE) fullAt = path.now();
        }
        assertEquals(List.of(Bbr.Mode.STARTUP, Bbr.Mode.DRAIN, Bbr.Mode.PROBE_BW), modes);
        // Exponential search: from a fifth of the link to 90% of it (2.2 doublings) in a few round trips.
        assertTrue(fullAt - fifthAt <= 4 * RTT, "took " + (fullAt - fifthAt) / MS + " ms");
        // Three rounds without 25% growth end STARTUP; the round that reached 90% may be the
        // first of them, and rounds grow longer than 40 ms as STARTUP's queue forms.
        long afterFull = startupEndedAt - fullAt;
        assertTrue(afterFull >= 2 * RTT && afterFull <= 8 * RTT, "STARTUP went on for " + afterFull / MS + " ms");
    }

    @Test
    void probeBwCyclesThroughGainsOneQuarterUpOneQuarterDownThenSixRoundsCruising() {
        FakePath path = path(BDP, 0, 1);
        path.run(2_000 * MS);
        List<Double> gains = new ArrayList<>();
        List<Long> since = new ArrayList<>();
        for (long t = 0; t < 3_000 * MS; t += MS) {
            path.run(MS);
            if (gains.isEmpty() || gains.getLast() != bbr.pacingGain()) {
                gains.add(bbr.pacingGain());
                since.add(path.now());
            }
        }
        for (int i = 1; i + 1 < gains.size(); i++) {
            double gain = gains.get(i);
            long duration = since.get(i + 1) - since.get(i);
            double next = gains.get(i + 1);
            if (gain == 1.25) {
                assertEquals(0.75, next);
                assertTrue(duration >= RTT && duration <= 3 * RTT, "probe lasted " + duration / MS + " ms");
            } else if (gain == 0.75) {
                assertEquals(1.0, next);
                assertTrue(duration <= 2 * RTT, "drain lasted " + duration / MS + " ms");
            } else {
                assertEquals(1.0, gain);
                assertEquals(1.25, next);
                // Six phases of at least one min RTT each (a little more: ACKs arrive in steps).
                assertTrue(duration >= 6 * RTT && duration <= 6 * (RTT + 5 * MS), "cruise lasted " + duration / MS + " ms");
            }
        }
        assertTrue(gains.size() > 10, "several cycles in 3 s: " + gains);
    }

    @Test
    void theSeedPicksWhereTheCycleStartsButNeverInTheDrainPhase() {
        Set<Double> firstGains = new HashSet<>();
        // The cycle starts in the probing phase one time in seven: a hundred seeds see both kinds.
        Property.of("PROBE_BW never starts in its drain phase", r -> r.nextLong()).tries(100).check(seed -> {
            Bbr flow = new Bbr(MSS, seed);
            FakePath path = new FakePath(flow, MSS, RATE, RTT, BDP, 0, 1);
            while (flow.mode() != Bbr.Mode.PROBE_BW) path.run(MS);
            assertTrue(flow.pacingGain() == 1.0 || flow.pacingGain() == 1.25, "first gain " + flow.pacingGain());
            firstGains.add(flow.pacingGain());
        });
        assertEquals(Set.of(1.0, 1.25), firstGains, "the seed decides where the cycle starts");
    }

    @Test
    void keepsMostOfTheLinkUnderTwoPercentRandomLoss() {
        Property.of("bbr keeps 70% of a link with 2% random loss", r -> r.nextLong()).tries(3).check(seed -> {
            Bbr flow = new Bbr(MSS, seed);
            FakePath path = new FakePath(flow, MSS, RATE, RTT, BDP, 0.02, seed);
            path.run(1_000 * MS);
            double utilization = utilization(path, 10_000 * MS, RATE);
            assertTrue(utilization >= 0.7, utilization + ", " + flow);
        });
    }

    @Test
    void aSingleLossLowersNeitherRateNorWindow() {
        FakePath path = steadyPath();
        long window = bbr.congestionWindow();
        long bandwidth = bbr.bottleneckBandwidth();
        bbr.onCongestionEvent(new LossSample(path.now(), MSS, path.now() - RTT));
        path.run(500 * MS);
        assertTrue(bbr.congestionWindow() >= window, bbr.toString());
        assertTrue(bbr.bottleneckBandwidth() >= bandwidth, bbr.toString());
    }

    /**
     * FakePath drops at random before the bottleneck, so the link stays busy if the flow sends
     * at its rate over the surviving fraction: that is what the corrected bandwidth estimate does,
     * and the queue stays short (no standing queue, so the losses never cap inflight).
     */
    @Test
    void heavyRandomLossIsRepairedNotPunished() {
        Property.of("bbr keeps a link with 15-30% random loss busy", r -> r.nextLong()).tries(3).check(seed -> {
            Bbr flow = new Bbr(MSS, seed);
            double lossRate = 0.15 + 0.15 * new java.util.SplittableRandom(seed).nextDouble();
            FakePath path = new FakePath(flow, MSS, RATE, RTT, BDP, lossRate, seed);
            path.run(2_000 * MS);
            double utilization = utilization(path, 10_000 * MS, RATE);
            assertTrue(utilization >= 0.8 * (1 - lossRate), "loss " + lossRate + ": utilization " + utilization + ", " + flow);
            assertTrue(flow.randomLossRate() > lossRate / 2, "random loss estimate " + flow.randomLossRate() + ", " + flow);
        });
    }

    /** Hand-built ACKs: one round of {@code acks} ACKs of one segment each at RTT {@code rtt}, {@code lost} segments lost in it. */
    private final class Rounds {
        private long now;
        private long delivered;

        Rounds(FakePath path) {
            now = path.now();
            delivered = path.delivered();
        }

        void round(long rtt, int acks, int lost, int provenSpurious) {
            long roundStart = delivered;
            for (int i = 0; i < acks; i++) {
                now += RTT / acks;
                delivered += MSS;
                long spurious = i >= acks - provenSpurious ? MSS : 0; // each of the last ACKs brings one late original
                bbr.onAck(new AckSample(now, MSS, rtt, rtt, BDP, RATE, false, now - rtt, delivered, roundStart, spurious));
                if (i == acks / 2 && lost > 0) bbr.onCongestionEvent(new LossSample(now, (long) lost * MSS, now - rtt));
            }
        }
    }

    @Test
    void aLossyRoundWithoutAStandingQueueIsRandomLossAndLeavesTheWindowAlone() {
        Rounds rounds = new Rounds(steadyPath());
        long window = bbr.congestionWindow();
        rounds.round(RTT, 40, 8, 0); // 17% lost, every RTT sample at the minimum
        rounds.round(RTT, 40, 0, 0); // ends the lossy round
        assertTrue(bbr.congestionWindow() >= 0.95 * window, bbr.toString()); // a cap would take it to 0.7 BDP
        assertTrue(bbr.randomLossRate() > 0, bbr.toString());
    }

    @Test
    void aLossyRoundWithAStandingQueueIsCongestionAndCapsInflight() {
        Rounds rounds = new Rounds(steadyPath());
        long queued = RTT + RTT * 3 / 10; // even the round's smallest sample 30% above the min RTT
        rounds.round(queued, 40, 8, 0);
        rounds.round(queued, 40, 0, 0);
        assertTrue(bbr.congestionWindow() <= Bbr.INFLIGHT_BETA * BDP + MSS, bbr.toString());
        assertEquals(0, bbr.randomLossRate(), bbr.toString());
    }

    @Test
    void lossesProvenSpuriousLeaveTheRoundsLossCountBeforeItIsJudged() {
        Rounds rounds = new Rounds(steadyPath());
        long window = bbr.congestionWindow();
        long queued = RTT + RTT * 3 / 10;
        rounds.round(queued, 40, 8, 8); // the "lost" segments arrived late, before the round ended
        rounds.round(queued, 40, 0, 0);
        assertTrue(bbr.congestionWindow() >= 0.95 * window, bbr.toString());
    }

    @Test
    void backsOffWhenTheBottleneckSlowsAndItsQueueOverflows() {
        FakePath path = path(20 * MSS, 0, 1);
        path.run(3_000 * MS);
        path.setRate(RATE / 4);
        path.run(2_000 * MS);
        assertEquals(RATE / 4, bbr.bottleneckBandwidth(), RATE / 40, bbr.toString());
        long sent = path.sentPackets();
        long lost = path.lostPackets();
        double utilization = utilization(path, 5_000 * MS, RATE / 4);
        assertTrue(utilization > 0.9, "utilization " + utilization);
        double lossRate = (double) (path.lostPackets() - lost) / (path.sentPackets() - sent);
        assertTrue(lossRate < 0.01, "loss rate " + lossRate);
    }

    @Test
    void probesTheRttWhenTheMinimumWasNotRefreshedForTenSeconds() {
        FakePath path = path(BDP, 0, 1);
        path.run(2_000 * MS);
        long window = bbr.congestionWindow();
        path.setPropagationRtt(60 * MS); // the old minimum can no longer be refreshed
        long enteredAt = -1;
        long leftAt = -1;
        for (long t = 0; t < 11_000 * MS && leftAt < 0; t += MS) {
            path.run(MS);
            if (bbr.mode() == Bbr.Mode.PROBE_RTT) {
                if (enteredAt < 0) enteredAt = path.now();
                assertTrue(bbr.congestionWindow() == 4 * MSS, bbr.toString());
            } else if (enteredAt >= 0) {
                leftAt = path.now();
            }
        }
        // The minimum was last refreshed before the path got longer at 2 s: 10 s later at most.
        assertTrue(enteredAt > 10_000 * MS && enteredAt <= 12_100 * MS, "entered at " + enteredAt / MS + " ms");
        long duration = leftAt - enteredAt;
        assertTrue(duration >= 200 * MS && duration < 400 * MS, "PROBE_RTT lasted " + duration / MS + " ms");
        assertEquals(Bbr.Mode.PROBE_BW, bbr.mode());
        assertEquals(60.96, bbr.minRttNanos() / 1e6, 0.1);
        assertTrue(bbr.congestionWindow() >= window, "the window returns: " + bbr);
    }

    @Test
    void aTimeoutRestartsFromFourSegmentsAndRefillsWithinAFewRounds() {
        FakePath path = steadyPath();
        long window = bbr.congestionWindow();
        bbr.onRetransmissionTimeout(path.now(), window);
        assertEquals(4 * MSS, bbr.congestionWindow());
        path.run(10 * RTT);
        assertEquals(window, bbr.congestionWindow(), 2 * MSS);

        // A timeout found spurious is undone.
        bbr.onRetransmissionTimeout(path.now(), window);
        bbr.onSpuriousLoss(path.now());
        assertEquals(window, bbr.congestionWindow(), 2 * MSS);
    }

    @Test
    void pacesAtItsOwnRateOnceItHasAnRttSample() {
        assertEquals(0, bbr.pacingRate());
        assertEquals(Long.MAX_VALUE, bbr.slowStartThreshold());
        bbr.onAck(new AckSample(RTT, MSS, RTT, RTT, 0, 0, false, 0, MSS, 0, 0));
        // No bandwidth sample yet: the startup gain times the window per RTT.
        assertEquals(2 / Math.log(2) * 12_000 / 0.04, bbr.pacingRate(), 1);
        assertEquals(bbr.pacingRate(), Pacer.rateFor(bbr, 10 * RTT));
    }

    @Test
    void theWindowNeverFallsBelowFourSegments() {
        assertEquals(36_000, new Bbr(9000, 0).congestionWindow());
        FakePath path = new FakePath(bbr, MSS, RATE, RTT, BDP, 0.5, 1);
        for (int i = 0; i < 100; i++) {
            path.run(50 * MS);
            assertTrue(bbr.congestionWindow() >= 4 * MSS, bbr.toString());
        }
    }
}
