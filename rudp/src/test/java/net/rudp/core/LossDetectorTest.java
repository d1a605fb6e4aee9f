package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.rudp.ConnectionTracer.LossTrigger;
import net.rudp.ConnectionTracer;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/**
 * RACK, the duplicate threshold and NACK marking on hand-built scoreboards, without a connection
 * or a simulator; and the incremental detector against the plain scan over the whole queue that
 * spec 9.8 describes, on random histories.
 */
class LossDetectorTest {
    private static final long MS = 1_000_000;
    private static final int MSS = 1000;

    /** What the detector told its output, in order. */
    private static final class Recorder implements LossDetector.Output {
        final List<String> events = new ArrayList<>();

        @Override
        public void segmentLost(long seg, LossTrigger trigger, long now) {
            events.add(seg + ":" + trigger);
        }

        @Override
        public void lossDetected(long now, long lostBytes, long largestLostSentNanos) {
            events.add("signal " + lostBytes + " B, latest sent " + largestLostSentNanos);
        }
    }

    private final RetransmissionQueue queue = new RetransmissionQueue();
    private final RttEstimator rtt = new RttEstimator(1000 * MS, 200 * MS, 60_000 * MS);
    private final Recorder out = new Recorder();
    private final LossDetector detector = new LossDetector(queue, rtt, out);

    /** Sends segments 0..n-1, one per millisecond from t = 1 ms, with a 40 ms RTT measured. */
    private void send(int n) {
        rtt.onSample(40 * MS, 0);
        for (int i = 0; i < n; i++) queue.add(1 + (long) i * MSS, MSS, 0, (i + 1) * MS, 0, 0, 0);
    }

    private void sack(long seg, long now) {
        detector.onDelivered(queue.sentTime(seg), now, false);
        queue.markSacked(seg);
    }

    @Test
    void threeSegmentsSackedAboveAHoleMakeItLost() {
        send(10);
        sack(3, 44 * MS);
        sack(4, 45 * MS);
        // RACK.rtt = 40 ms and reo_wnd = min RTT / 4 = 10 ms: segment 0, sent at 1 ms, is due at 51 ms.
        assertEquals(51 * MS, detector.detect(45 * MS), "two SACKs: not yet, but RACK arms its timer");
        assertEquals(List.of(), out.events);
        sack(5, 46 * MS);
        detector.detect(46 * MS);
        assertEquals(List.of("2:DUP_THRESH", "1:DUP_THRESH", "0:DUP_THRESH", "signal 3000 B, latest sent 3000000"), out.events,
            "every segment with three SACKed above, highest first, then one congestion signal");
        assertEquals(3, detector.segmentsLost());
    }

    @Test
    void onceThePathReordersOnlyTheTimeRuleJudges() {
        send(10);
        detector.onLossProvenSpurious(MSS);
        assertTrue(detector.reorderingSeen());
        assertEquals(2, detector.reorderWindowMultiplier(), "the window grew to two quarters of min RTT");
        for (int seg = 3; seg < 8; seg++) sack(seg, 48 * MS);
        // RACK.xmit_ts = 8 ms, RACK.rtt = 40 ms; reo_wnd = 2 * 40 / 4 = 20 ms: segment 0 is due at 61 ms.
        long deadline = detector.detect(48 * MS);
        assertEquals(List.of(), out.events, "five SACKs above, but the duplicate threshold is off");
        assertEquals(61 * MS, deadline);
        assertEquals(61 * MS, detector.detect(60 * MS), "not yet");
        detector.detect(61 * MS);
        assertEquals(List.of("0:RACK", "signal 1000 B, latest sent 1000000"), out.events);
        assertEquals(62 * MS, detector.detect(61 * MS), "segment 1, sent a millisecond later, is next");
    }

    @Test
    void rackIgnoresADeliveryThatMayBelongToAnEarlierTransmission() {
        send(4);
        queue.markLost(0);
        queue.retransmitted(0, 30 * MS, 0, 0, 0);
        // The ACK for segment 0 echoes its first transmission: its send time says nothing.
        detector.onDelivered(queue.sentTime(0), 45 * MS, true);
        queue.markSacked(0);
        assertEquals(Long.MAX_VALUE, detector.detect(1000 * MS), "no RACK.xmit_ts yet: nothing judged, no timer");
        assertEquals(List.of(), out.events);
        sack(3, 46 * MS);
        detector.detect(1000 * MS);
        assertEquals(List.of("2:RACK", "1:RACK", "signal 2000 B, latest sent 3000000"), out.events);
    }

    @Test
    void aRetransmissionIsJudgedOnlyByItsNewSendTime() {
        send(6);
        queue.markLost(1);
        queue.retransmitted(1, 20 * MS, 0, 0, 0);
        for (int seg = 2; seg < 6; seg++) sack(seg, 46 * MS);
        // Four SACKs above segment 1, but they may predate its retransmission; sent at 20 ms, it
        // is not older than RACK.xmit_ts (6 ms) and so not judged. Segment 0 is.
        detector.detect(46 * MS);
        assertEquals(List.of("0:DUP_THRESH", "signal 1000 B, latest sent 1000000"), out.events);
        assertFalse(queue.has(1, RetransmissionQueue.LOST));
    }

    @Test
    void theReorderingWindowShrinksBackAfterSixteenEpisodesWithoutGrowth() {
        detector.onLossProvenSpurious(MSS);
        detector.onLossProvenSpurious(MSS);
        assertEquals(2, detector.reorderWindowMultiplier(), "at most one growth per episode");
        detector.onLossEpisode();
        detector.onLossProvenSpurious(MSS);
        assertEquals(3, detector.reorderWindowMultiplier());
        for (int i = 0; i < LossDetector.REORDER_WINDOW_PERSIST; i++) detector.onLossEpisode();
        assertEquals(3, detector.reorderWindowMultiplier(), "sixteen episodes: still kept");
        detector.onLossEpisode();
        assertEquals(1, detector.reorderWindowMultiplier(), "the seventeenth: back to one quarter");
        for (int i = 0; i < 200; i++) {
            detector.onLossEpisode();
            detector.onLossProvenSpurious(MSS);
        }
        assertEquals(LossDetector.MAX_REORDER_WINDOW_MULTIPLIER, detector.reorderWindowMultiplier(), "capped");
    }

    @Test
    void aNackMarksWhatIsStillInFlightAndNotJustResent() {
        send(5);
        queue.markSacked(3);
        queue.markLost(1);
        queue.retransmitted(1, 100 * MS, 0, 0, 0);
        // Segments 1..4 NACKed at 110 ms: 3 is SACKed, 1 was resent 10 ms ago (SRTT is 40 ms).
        detector.onNacked(1 + MSS, 1 + 5 * MSS, 110 * MS);
        detector.reportLosses(110 * MS);
        assertEquals(List.of("2:NACK", "4:NACK", "signal 2000 B, latest sent 5000000"), out.events);
    }

    @Test
    void aTimeoutMarksEverythingInFlightWithoutACongestionSignal() {
        send(4);
        queue.markSacked(2);
        detector.onRetransmissionTimeout(500 * MS);
        assertEquals(List.of("0:TIMEOUT", "1:TIMEOUT", "3:TIMEOUT"), out.events);
        assertEquals(0, queue.bytesInFlight());
    }

    @Test
    void theProbeWaitsTwoSmoothedRttsAndTheDelayedAckForALoneSegment() {
        assertEquals(Long.MAX_VALUE, detector.probeDeadline(0, Long.MAX_VALUE, 10 * MS), "nothing in flight");
        send(1);
        assertEquals(100 * MS + 80 * MS + 10 * MS, detector.probeDeadline(100 * MS, Long.MAX_VALUE, 10 * MS));
        assertEquals(Long.MAX_VALUE, detector.probeDeadline(100 * MS, 150 * MS, 10 * MS), "the RTO comes first");
    }

    // ---------------------------------------------------------------- against the plain scan

    /**
     * Spec 9.8 as written: one scan of the whole queue from the highest segment down, counting
     * SACKed segments above. The detector must declare the same segments, by the same rule, in
     * the same order, and arm the same timer.
     */
    private static final class PlainScan {
        long rackXmitTime = -1;
        long rackRtt;
        boolean reorderingSeen;
        int multiplier = 1;

        long detect(RetransmissionQueue q, RttEstimator rtt, long now, List<String> events) {
            long deadline = Long.MAX_VALUE;
            if (q.isEmpty() || (q.sackedSegments() == 0 && q.retransmittedSegments() == 0)) return deadline;
            long reorderWindow = Math.min(multiplier * rtt.minRtt() / 4, rtt.smoothedRtt());
            int sackedAbove = 0;
            long lostBytes = 0;
            long largest = Long.MIN_VALUE;
            for (long seg = q.tail() - 1; seg >= q.head(); seg--) {
                if (q.has(seg, RetransmissionQueue.SACKED)) {
                    sackedAbove++;
                    continue;
                }
                if (q.has(seg, RetransmissionQueue.LOST)) continue;
                long sent = q.sentTime(seg);
                LossTrigger trigger = null;
                if (sackedAbove >= LossDetector.DUP_THRESH && !reorderingSeen && !q.has(seg, RetransmissionQueue.RETRANSMITTED)) {
                    trigger = LossTrigger.DUP_THRESH;
                } else if (rackXmitTime >= 0 && sent <= rackXmitTime) {
                    long due = sent + rackRtt + reorderWindow;
                    if (due <= now) trigger = LossTrigger.RACK;
                    else deadline = Math.min(deadline, due);
                }
                if (trigger != null) {
                    events.add(seg + ":" + trigger);
                    lostBytes += q.length(seg);
                    largest = Math.max(largest, sent);
                    q.markLost(seg);
                }
            }
            if (lostBytes > 0) events.add("signal " + lostBytes + " B, latest sent " + largest);
            return deadline;
        }
    }

    /** A random sender's life: sends, SACKs, cumulative ACKs, repairs, probes, spurious proofs and detections. */
    record Life(long seed, int steps) {}

    @Test
    void declaresWhatThePlainScanDeclaresInTheSameOrder() {
        Property.of("incremental loss detection == plain scan", r -> new Life(r.nextLong(), r.nextInt(10, 400)))
            .tries(300)
            .check(life -> {
                SplittableRandom r = new SplittableRandom(life.seed());
                RetransmissionQueue fast = new RetransmissionQueue();
                RetransmissionQueue plain = new RetransmissionQueue();
                RttEstimator estimator = new RttEstimator(1000 * MS, 1 * MS, 60_000 * MS);
                Recorder got = new Recorder();
                LossDetector detector = new LossDetector(fast, estimator, got);
                PlainScan reference = new PlainScan();
                List<String> expected = new ArrayList<>();
                long now = 0;
                long next = 1;
                for (int step = 0; step < life.steps(); step++) {
                    now += r.nextInt(4) == 0 ? 0 : r.nextLong(1, 5 * MS);
                    long n = fast.size();
                    long seg = n == 0 ? -1 : fast.head() + r.nextLong(n);
                    switch (r.nextInt(8)) {
                        case 0, 1 -> {
                            int len = r.nextInt(1, MSS);
                            fast.add(next, len, 0, now, 0, 0, 0);
                            plain.add(next, len, 0, now, 0, 0, 0);
                            next += len;
                        }
                        case 2, 3 -> {
                            if (seg < 0 || fast.has(seg, RetransmissionQueue.SACKED)) break;
                            boolean earlier = fast.has(seg, RetransmissionQueue.RETRANSMITTED) && r.nextInt(3) == 0;
                            detector.onDelivered(fast.sentTime(seg), now, earlier);
                            if (!earlier && fast.sentTime(seg) > reference.rackXmitTime) {
                                reference.rackXmitTime = fast.sentTime(seg);
                                reference.rackRtt = now - fast.sentTime(seg);
                            }
                            fast.markSacked(seg);
                            plain.markSacked(seg);
                        }
                        case 4 -> {
                            if (n == 0) break;
                            fast.removeHead();
                            plain.removeHead();
                        }
                        case 5 -> {
                            long lost = fast.firstLost();
                            long target = lost >= 0 ? lost : fast.lastInFlight();
                            if (target < 0) break;
                            fast.retransmitted(target, now, 0, 0, 0);
                            plain.retransmitted(target, now, 0, 0, 0);
                        }
                        case 6 -> {
                            if (r.nextInt(8) != 0) {
                                estimator.onSample(r.nextLong(1, 50 * MS), now);
                                break;
                            }
                            detector.onLossProvenSpurious(MSS);
                            reference.reorderingSeen = true;
                            reference.multiplier = detector.reorderWindowMultiplier();
                        }
                        default -> {
                            long got1 = detector.detect(now);
                            long want = reference.detect(plain, estimator, now, expected);
                            assertEquals(expected, got.events, "declared at " + now);
                            assertEquals(want, got1, "the reordering timer at " + now);
                        }
                    }
                    assertTrue(fast.isConsistent(), fast::toString);
                }
            });
    }
}
