package net.rudp.core;

import java.util.Arrays;
import net.rudp.ConnectionTracer.LossTrigger;
import net.rudp.ConnectionTracer;

/**
 * Decides which segments of the scoreboard are lost (spec 9.8): RACK's time rule with its
 * adaptive reordering window (RFC 8985), the duplicate threshold until the path is seen to
 * reorder (RFC 6675), the peer's NACKs (spec 9.5) and the retransmission timeout; it marks them in
 * the scoreboard and tells its {@link Output}.
 */
final class LossDetector {
    /** RFC 6675 / RFC 5681 DupThresh: segments SACKed above a hole before it is lost. */
    static final int DUP_THRESH = 3;
    /** RFC 8985 6.2.4: "RACK.reo_wnd_persist" loss recoveries before the window shrinks back. */
    static final int REORDER_WINDOW_PERSIST = 16;
    /** The reordering window's multiplier grows no further: 64 quarters of min RTT (SRTT caps it sooner). */
    static final int MAX_REORDER_WINDOW_MULTIPLIER = 64;
    /** RFC 8985 7.2: the tail-loss probe fires no sooner than this after the last send. */
    static final long MIN_TLP_NANOS = 10_000_000L;
    /** A NACK can race a retransmission already on its way: a segment is resent at most once per this or SRTT. */
    static final long MIN_NACK_REPEAT_NANOS = 1_000_000L;

    /** Where the detector's conclusions go. */
    interface Output {
        /** Segment {@code seg} was declared lost (the scoreboard already says so). */
        void segmentLost(long seg, LossTrigger trigger, long now);

        /**
         * One detection (an ACK's, the reordering timer's or a NACK's) declared {@code lostBytes}
         * lost, the latest of them sent at {@code largestLostSentNanos}: a congestion signal.
         */
        void lossDetected(long now, long lostBytes, long largestLostSentNanos);
    }

    private final RetransmissionQueue queue;
    private final RttEstimator rtt;
    private final Output output;

    // RACK (RFC 8985): the send time of the most recently sent segment known delivered.
    private long rackXmitTime = -1;
    private long rackRtt;
    /**
     * RFC 8985 6.2.4: the reordering window grows by one quarter of min RTT each time a
     * retransmission proves spurious (the path reorders more than assumed), and returns to one
     * quarter after {@value #REORDER_WINDOW_PERSIST} loss episodes without such proof.
     */
    private int reorderWindowMultiplier = 1;
    private int episodesSinceReorderGrowth;
    /**
     * A retransmission has proved spurious: the path reorders, so counting SACKed segments says
     * little and only RACK's time rule judges (RFC 8985 4 and 6.2). Never cleared.
     */
    private boolean reorderingSeen;
    private long segmentsLost;
    /** Bytes proven spurious by the ACK being processed, handed to the controller with it. */
    private long spuriousLostBytes;
    /**
     * Every segment below this one has been judged by the duplicate threshold: it was SACKed,
     * lost, retransmitted (exempt for good) or declared lost. The threshold's boundary only moves
     * up, so each segment is judged once.
     */
    private long dupThreshJudgedBelow;
    /** One detection's verdicts, {@code seg << 1 | rule}, declared in sequence order once the detection ends. */
    private long[] verdicts = new long[16];
    private int verdictCount;
    // What the current detection declared lost, reported as one signal when it ends.
    private long pendingLostBytes;
    private long pendingLargestSent = Long.MIN_VALUE;

    LossDetector(RetransmissionQueue queue, RttEstimator rtt, Output output) {
        this.queue = queue;
        this.rtt = rtt;
        this.output = output;
    }

    /** Segments declared lost over the connection's life (by any rule, the timeout included). */
    long segmentsLost() {
        return segmentsLost;
    }

    /** Whether a retransmission has proved spurious, which turns the duplicate threshold off. */
    boolean reorderingSeen() {
        return reorderingSeen;
    }

    /** RACK.reo_wnd's multiplier, in quarters of min RTT. */
    int reorderWindowMultiplier() {
        return reorderWindowMultiplier;
    }

    /**
     * A segment sent at {@code sentNanos} was delivered at {@code now}. RFC 8985 6.2 step 2: a
     * delivery that may belong to an earlier transmission ({@code ofEarlierTransmission}) says
     * nothing about this transmission's send time.
     */
    void onDelivered(long sentNanos, long now, boolean ofEarlierTransmission) {
        if (!ofEarlierTransmission && sentNanos > rackXmitTime) {
            rackXmitTime = sentNanos;
            rackRtt = Math.max(0, now - sentNanos);
        }
    }

    /**
     * A segment of {@code bytes} declared lost was delivered by its original transmission (it was
     * acknowledged before any retransmission, or the Eifel test proved its retransmission
     * spurious): the path reorders more than the window assumed. RFC 8985 6.2 step 4 grows
     * reo_wnd on such evidence (DSACK in TCP), so that the next reordering of that depth is
     * waited for instead of declared lost; the bytes leave the controller's loss count with the
     * ACK that proved them ({@link #takeSpuriousLostBytes}).
     */
    void onLossProvenSpurious(int bytes) {
        reorderingSeen = true;
        spuriousLostBytes += bytes;
        if (episodesSinceReorderGrowth > 0 || reorderWindowMultiplier == 1) {
            // At most one growth per episode, as RFC 8985 grows once per round trip.
            reorderWindowMultiplier = Math.min(reorderWindowMultiplier + 1, MAX_REORDER_WINDOW_MULTIPLIER);
            episodesSinceReorderGrowth = 0;
        }
    }

    /** The bytes proven spurious since the last call (see {@link #onLossProvenSpurious}). */
    long takeSpuriousLostBytes() {
        long bytes = spuriousLostBytes;
        spuriousLostBytes = 0;
        return bytes;
    }

    /** A new loss episode began (see {@link SpuriousRetransmissionUndo}). */
    void onLossEpisode() {
        if (++episodesSinceReorderGrowth > REORDER_WINDOW_PERSIST) {
            reorderWindowMultiplier = 1;
            episodesSinceReorderGrowth = 0;
        }
    }

    /**
     * Runs RACK and the duplicate threshold over the scoreboard (after an ACK, or when the
     * reordering timer fires): a segment is lost once {@value #DUP_THRESH} segments above it were
     * SACKed (RFC 6675 IsLost), or once a segment sent after it was delivered and a reordering
     * window has passed since it was sent (RFC 8985 6.2: "RACK.xmit_ts >= Segment.xmit_ts AND
     * now >= Segment.xmit_ts + RACK.rtt + RACK.reo_wnd"). Returns when to run again for the
     * segments whose window has not yet passed (RFC 8985 6.3), or {@code Long.MAX_VALUE}.
     *
     * <p>Each rule visits only the segments it may judge: the duplicate threshold those below its
     * boundary it has not judged before, RACK the segments in flight in send order up to the
     * first not yet due, so a detection costs what it finds, not the length of the queue.
     */
    long detect(long now) {
        if (queue.isEmpty() || (queue.sackedSegments() == 0 && queue.retransmittedSegments() == 0)) return Long.MAX_VALUE;
        verdictCount = 0;
        long boundary = reorderingSeen ? -1 : queue.dupThreshBoundary();
        judgeByDupThresh(boundary);
        long deadline = judgeByRack(now, boundary);
        declareVerdicts(now);
        reportLosses(now);
        return deadline;
    }

    /**
     * RFC 6675's IsLost for the segments below {@code boundary} not yet judged: lost unless
     * SACKed, lost already, or retransmitted (the SACKs above a retransmitted segment may predate
     * the retransmission, so only RACK's time rule can judge a retransmission, RFC 8985 2.2).
     */
    private void judgeByDupThresh(long boundary) {
        if (boundary < 0) return;
        for (long seg = Math.max(dupThreshJudgedBelow, queue.head()); seg < boundary; seg++) {
            if (!queue.has(seg, RetransmissionQueue.SACKED | RetransmissionQueue.LOST | RetransmissionQueue.RETRANSMITTED)) {
                verdict(seg, false);
            }
        }
        dupThreshJudgedBelow = Math.max(dupThreshJudgedBelow, boundary);
    }

    /**
     * RACK over the segments in flight, least recently sent first: lost once the reordering
     * window has passed since their send, up to the first whose window has not; returns that
     * one's deadline. Segments sent after RACK.xmit_ts are not judged at all.
     */
    private long judgeByRack(long now, long dupThreshBoundary) {
        if (rackXmitTime < 0) return Long.MAX_VALUE;
        // RFC 8985 6.2.4: "RACK.reo_wnd = min((RACK.reo_wnd_mult * RACK.min_RTT) / 4, SRTT)".
        long reorderWindow = Math.min(reorderWindowMultiplier * rtt.minRtt() / 4, rtt.smoothedRtt());
        for (long seg = queue.oldestInFlight(); seg >= 0; seg = queue.nextInFlight(seg)) {
            long sent = queue.sentTime(seg);
            if (sent > rackXmitTime) break;
            // Already lost by the duplicate threshold in this detection (below its boundary, every
            // segment in flight not retransmitted is).
            if (seg < dupThreshBoundary && !queue.has(seg, RetransmissionQueue.RETRANSMITTED)) continue;
            long due = sent + rackRtt + reorderWindow;
            if (due > now) return due;
            verdict(seg, true);
        }
        return Long.MAX_VALUE;
    }

    private void verdict(long seg, boolean byRack) {
        if (verdictCount == verdicts.length) verdicts = Arrays.copyOf(verdicts, 2 * verdictCount);
        verdicts[verdictCount++] = seg << 1 | (byRack ? 1 : 0);
    }

    /** Declares the verdicts highest segment first, the order in which a scan from the tail finds them. */
    private void declareVerdicts(long now) {
        Arrays.sort(verdicts, 0, verdictCount);
        for (int k = verdictCount - 1; k >= 0; k--) {
            declareLost(verdicts[k] >>> 1, (verdicts[k] & 1) != 0 ? LossTrigger.RACK : LossTrigger.DUP_THRESH, now);
        }
        verdictCount = 0;
    }

    /**
     * The peer reported {@code [start, end)} of our stream missing (spec 9.5): the segments there
     * still in flight and not (re)sent within the last SRTT are lost. Call {@link #reportLosses}
     * after the NACK's last range.
     */
    void onNacked(long start, long end, long now) {
        if (start >= end) return;
        long recent = Math.max(rtt.smoothedRtt(), MIN_NACK_REPEAT_NANOS);
        for (long seg = queue.find(start); seg >= 0 && seg < queue.tail() && queue.start(seg) < end; seg++) {
            if (queue.has(seg, RetransmissionQueue.SACKED | RetransmissionQueue.LOST)) continue;
            if (now - queue.sentTime(seg) < recent) continue;
            declareLost(seg, LossTrigger.NACK, now);
        }
    }

    /** Reports what was declared lost since the last report as one congestion signal, if anything was. */
    void reportLosses(long now) {
        if (pendingLostBytes == 0) return;
        long lost = pendingLostBytes;
        long largest = pendingLargestSent;
        pendingLostBytes = 0;
        pendingLargestSent = Long.MIN_VALUE;
        output.lossDetected(now, lost, largest);
    }

    /**
     * The retransmission timer fired: as Linux's loss state does, everything in flight is
     * presumed lost and resent in sequence order as the collapsed window allows (RFC 6298 5.4
     * resends the first). The controller hears of the timeout itself, not of these losses.
     */
    void onRetransmissionTimeout(long now) {
        for (long seg = queue.head(); seg < queue.tail(); seg++) {
            if (!queue.has(seg, RetransmissionQueue.SACKED | RetransmissionQueue.LOST)) {
                queue.markLost(seg);
                segmentsLost++;
                output.segmentLost(seg, LossTrigger.TIMEOUT, now);
            }
        }
    }

    /**
     * When to send a tail-loss probe, given the last send or acknowledgement at {@code now}
     * (RFC 8985 7.2: PTO = 2 · SRTT, plus the peer's delayed-ACK time when a single segment is
     * in flight), or {@code Long.MAX_VALUE}: nothing in flight, no RTT sample yet, or the
     * retransmission timer at {@code rtoDeadline} would fire first.
     */
    long probeDeadline(long now, long rtoDeadline, long peerAckDelayNanos) {
        if (queue.isEmpty() || !rtt.hasSample()) return Long.MAX_VALUE;
        long pto = Math.max(2 * rtt.smoothedRtt(), MIN_TLP_NANOS);
        if (queue.size() == 1) pto += peerAckDelayNanos;
        return now + pto < rtoDeadline ? now + pto : Long.MAX_VALUE;
    }

    private void declareLost(long seg, LossTrigger trigger, long now) {
        pendingLostBytes += queue.length(seg);
        pendingLargestSent = Math.max(pendingLargestSent, queue.sentTime(seg));
        queue.markLost(seg);
        segmentsLost++;
        output.segmentLost(seg, trigger, now);
    }

    @Override
    public String toString() {
        return "LossDetector[rack " + rackXmitTime + " rtt " + rackRtt + ", reorder window x" + reorderWindowMultiplier
            + (reorderingSeen ? ", reordering seen" : "") + "]";
    }
}
