package net.rudp.congestion;

import java.util.SplittableRandom;

/**
 * A model-based controller in the spirit of BBR (v1, with BBRv2's response to loss): instead of
 * reacting to every loss it measures the path, the bottleneck bandwidth (the windowed maximum of
 * delivery-rate samples) and the round-trip propagation time (the windowed minimum RTT), and
 * sends at about that bandwidth with about two bandwidth-delay products (BDP) in flight.
 *
 * <p>Modes: STARTUP doubles the sending rate each round (pacing gain 2/ln 2) until the bandwidth
 * stops growing; DRAIN empties the queue STARTUP built; PROBE_BW cycles its pacing gain (1.25
 * to probe for more bandwidth, 0.75 to drain what that queued, then 1.0 for six rounds);
 * PROBE_RTT drops to four segments for 200 ms when the minimum RTT has not been refreshed for
 * 10 s, so the queue empties and the true propagation delay shows.
 *
 * <p>Loss (spec 11.4): a round is congestive only when it lost more than {@link #LOSS_THRESHOLD}
 * of its bytes <em>and</em> a queue stood all round (its smallest RTT sample well above the min
 * RTT): only then is the data in flight capped ({@code inflightHi}, as BBRv3's inflight_hi), which
 * stops a queue from overflowing again; the cap is probed upward again in rounds without
 * congestion. Loss with an empty queue is random: it is repaired, not punished, and its rate
 * (smoothed over rounds) corrects the delivery-rate samples, since the path accepted the packets
 * it then lost. Losses proven spurious ({@link AckSample#spuriousLostBytes}) leave the count.
 *
 * <p>This is a reference design, not a copy of any implementation. The window never drops below
 * four segments. {@link #slowStartThreshold()} is {@link Long#MAX_VALUE} in STARTUP and the
 * estimated BDP afterwards. {@link #pacingRate()} is 0 only before the first RTT sample.
 */
public final class Bbr implements CongestionController {

    /** What BBR is doing now. */
    public enum Mode { STARTUP, DRAIN, PROBE_BW, PROBE_RTT }

    /** 2/ln 2: the smallest gain that doubles the delivery rate every round in STARTUP. */
    static final double STARTUP_GAIN = 2 / Math.log(2);
    /** DRAIN's pacing gain undoes STARTUP's in one round. */
    static final double DRAIN_GAIN = 1 / STARTUP_GAIN;
    /** Two BDP in flight: room for delayed and stretched ACKs without starving the pipe. */
    static final double CWND_GAIN = 2;
    /** PROBE_BW's pacing gains, one phase per round (at least one min RTT) each; see {@link #probeBwGain}. */
    private static final double[] PROBE_BW_GAINS = {1.25, 0.75, 1, 1, 1, 1, 1, 1};
    /** PROBE_BW's phases in one gain cycle. */
    static final int PROBE_BW_PHASES = PROBE_BW_GAINS.length;
    /** The bandwidth estimate is the largest sample of the last this many rounds. */
    static final int BANDWIDTH_WINDOW_ROUNDS = 10;
    /** The minimum RTT estimate expires after this long without a new minimum. */
    static final long MIN_RTT_WINDOW_NANOS = MinRttFilter.DEFAULT_WINDOW_NANOS;
    /** How long PROBE_RTT holds the window at its minimum. */
    static final long PROBE_RTT_DURATION_NANOS = 200_000_000L;
    /** STARTUP ends when the bandwidth grew less than this factor ... */
    static final double FULL_BANDWIDTH_GROWTH = 1.25;
    /** ... for this many rounds in a row. */
    static final int FULL_BANDWIDTH_ROUNDS = 3;
    /** The window's floor: keeps the ACK clock going with an ACK every second packet. */
    static final int MIN_WINDOW_SEGMENTS = 4;
    /**
     * Added to cwnd_gain · BDP: the receiver acknowledges every second segment and the pacer
     * releases up to two segments at once, so without a few segments of slack the window, not
     * the rate, would limit sending when the BDP is small.
     */
    static final int HEADROOM_SEGMENTS = 3;
    /** The ACK-aggregation estimate is the largest excess of about this many rounds. */
    static final int EXTRA_ACKED_ROUNDS = 10;
    /** An ACK epoch that acknowledged this much is restarted, so one stale epoch cannot grow without bound. */
    static final long MAX_ACK_EPOCH_BYTES = 1 << 20;
    /**
     * A round is "too lossy" when more than this fraction of the bytes it resolved (delivered or
     * lost) were lost. Why 5% and not BBRv2's 2%: the loss count of a round is binomial, so at
     * 2% random loss a 2% threshold would trip in about half the rounds and throttle a
     * perfectly healthy path; 5% trips in a few percent of rounds at ~40 packets per round and
     * essentially never on larger windows. A tail-drop queue that overflows does not lose 2%:
     * STARTUP overshoots by up to 2x and loses tens of percent in a round, and a PROBE_BW probe
     * at 1.25x into a buffer under a fifth of the BDP loses over 5% of its round. (A probe into
     * a deeper buffer loses less, and the 0.75 phase that follows drains that queue anyway.)
     */
    static final double LOSS_THRESHOLD = 0.05;
    /** ... and lost at least this many segments: one or two isolated losses never count. */
    static final int LOSS_MIN_SEGMENTS = 3;
    /**
     * In STARTUP the rounds are small (ten segments, then doubling), so three random losses
     * already exceed 5% of a round and would end the search for bandwidth at a fraction of the
     * link (measured: at half of a 50 Mbit/s link with 2% random loss). As BBRv2's full_loss_cnt
     * does, STARTUP needs more loss events in a round before it concludes the pipe is full.
     */
    static final int STARTUP_LOSS_MIN_SEGMENTS = 8;
    /** A congestive round caps inflight at this fraction of the most it had in flight (BBRv3's BBRBeta). */
    static final double INFLIGHT_BETA = 0.7;
    /**
     * A lossy round is congestive only if its smallest RTT sample lay this fraction of the min
     * RTT above it: a queue stood for the whole round, and a deep one. A drop-tail queue drops
     * only when it is full, so a loss with an empty queue cannot be congestion. The round's
     * smallest sample, not its largest or the smoothed RTT: a PROBE_BW probe at 1.25 queues up
     * to a quarter of the min RTT for part of a round, and jitter raises single samples, without
     * either being a standing queue.
     */
    static final double CONGESTED_QUEUE_FRACTION = 0.25;
    /**
     * A round whose smallest RTT sample lay this fraction of the min RTT above it had a queue
     * all round, if a shallow one: the flow sends faster than the link drains. Such a round adds
     * no random loss to the estimate (its losses may be the queue's), which shrinks the
     * correction of the bandwidth samples until the queue is gone; that is the whole response on
     * a path whose buffer is too shallow ever to hold {@link #CONGESTED_QUEUE_FRACTION}.
     */
    static final double STANDING_QUEUE_FRACTION = 0.1;
    /** Neither queue counts below this, so that on a tiny RTT timer noise is not mistaken for a queue. */
    static final long MIN_QUEUE_NANOS = 1_000_000L;
    /** The random loss rate estimate moves by this fraction of each round's loss rate (an EWMA). */
    static final double RANDOM_LOSS_GAIN = 0.125;
    /** A round resolving fewer segments than this says too little about the loss rate to count. */
    static final int RANDOM_LOSS_MIN_SEGMENTS = 8;
    /** The bandwidth correction for random loss stops here: beyond it, loss that high is no longer "random". */
    static final double MAX_RANDOM_LOSS = 0.5;

    private static final double NANOS_PER_SECOND = 1e9;
    private static final long UNSET = -1;

    private long mss;
    private long minWindow;
    private final long initialWindow;
    private final SplittableRandom random;
    private final RoundCounter rounds = new RoundCounter();

    // The path model.
    private final MaxBandwidthFilter bandwidth = new MaxBandwidthFilter(BANDWIDTH_WINDOW_ROUNDS);
    private final MinRttFilter minRtt = new MinRttFilter(MIN_RTT_WINDOW_NANOS);

    // Control.
    private Mode mode = Mode.STARTUP;
    private double pacingGain = STARTUP_GAIN;
    private double cwndGain = STARTUP_GAIN;
    private long cwnd;
    private long pacingRate;

    // STARTUP's full-pipe detector.
    private boolean filledPipe;
    private long fullBandwidth;
    private int roundsWithoutGrowth;

    // PROBE_BW's gain cycle.
    private int cycleIndex;
    private long cycleStartNanos;
    private boolean lostInPhase;

    // PROBE_RTT.
    private long probeRttDoneNanos = UNSET;
    private long probeRttStartRound;
    private long cwndBeforeProbeRtt;

    // Loss per round and the inflight cap it sets.
    private long roundLostBytes;
    private long roundStartDelivered;
    private long roundMaxInflight;
    private long inflightHi = Long.MAX_VALUE;
    private long inflightHiStep;
    /** The smallest RTT sample of this round, UNSET before one. */
    private long roundMinRtt = UNSET;
    /**
     * Whether the pacing gain exceeded 1 during this round (STARTUP, a PROBE_BW probe): such a
     * round sends faster than the estimate on purpose, and what it loses may be the queue's
     * overflow, so it says nothing about random loss.
     */
    private boolean roundProbed = true;
    private boolean previousRoundProbed = true;
    /** The estimated random (non-congestive) loss rate: lost / (lost + delivered), smoothed over rounds. */
    private double randomLoss;

    // ACK aggregation: ACKs that arrive in bursts (a receiver that acknowledges a batch at once,
    // a sender thread that wakes late) deliver more than bandwidth x time in an instant; the
    // window must hold that much more or the sender idles between bursts.
    private long ackEpochStartNanos = UNSET;
    private long ackEpochAcked;
    private final long[] extraAcked = new long[2];
    private long extraAckedSlotRound;
    private int extraAckedSlot;

    // Undo.
    private Saved beforeReduction;
    private long lastReductionRound = Long.MIN_VALUE;

    private record Saved(long cwnd, long inflightHi) {}

    /**
     * A BBR controller for segments of {@code maxSegmentSize} bytes; {@code seed} picks where in
     * the PROBE_BW gain cycle it starts (so flows sharing a bottleneck do not probe in lockstep).
     */
    public Bbr(int maxSegmentSize, long seed) {
        this.mss = WindowMath.requireSegmentSize(maxSegmentSize);
        this.minWindow = MIN_WINDOW_SEGMENTS * mss;
        this.initialWindow = Math.max(WindowMath.initialWindow(mss), minWindow);
        this.cwnd = initialWindow;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String name() {
        return "bbr";
    }

    @Override
    public long congestionWindow() {
        return cwnd;
    }

    @Override
    public long slowStartThreshold() {
        return mode == Mode.STARTUP ? Long.MAX_VALUE : Math.max(minWindow, bdp(1));
    }

    @Override
    public long pacingRate() {
        return pacingRate;
    }

    /** The current mode. */
    public Mode mode() {
        return mode;
    }

    /** The current pacing gain. */
    public double pacingGain() {
        return pacingGain;
    }

    /** Estimated bottleneck bandwidth in bytes per second, 0 before the first sample. */
    public long bottleneckBandwidth() {
        return bandwidth.get();
    }

    /** Estimated round-trip propagation time in nanoseconds, 0 before the first sample. */
    public long minRttNanos() {
        return minRtt.get();
    }

    @Override
    public void onPacketSent(long nowNanos, int bytes, long bytesInFlight) {
        roundMaxInflight = Math.max(roundMaxInflight, bytesInFlight);
    }

    @Override
    public void onAck(AckSample ack) {
        // Reordering, not loss: the original arrived (AckSample#spuriousLostBytes, RFC 8985 6.2).
        roundLostBytes = Math.max(0, roundLostBytes - ack.spuriousLostBytes());
        boolean roundStart = rounds.onAck(ack);
        if (roundStart) endRound(ack);
        if (ack.rttNanos() > 0 && (roundMinRtt == UNSET || ack.rttNanos() < roundMinRtt)) roundMinRtt = ack.rttNanos();
        updateBandwidth(ack, roundStart);
        updateMinRtt(ack);
        updateMode(ack, roundStart);
        if (pacingGain > 1) roundProbed = true;
        updatePacingRate();
        updateAckAggregation(ack, roundStart);
        updateWindow(ack);
    }

    /**
     * Estimates how far ACKs run ahead of the bandwidth model (Linux BBR's extra_acked): within
     * an "epoch" of ACK arrivals, the bytes acknowledged beyond what the estimated bandwidth
     * could have delivered in that time. The window adds the largest such excess of the last
     * {@value #EXTRA_ACKED_ROUNDS} rounds or so (two slots of half that, as Linux keeps).
     */
    private void updateAckAggregation(AckSample ack, boolean roundStart) {
        if (roundStart && rounds.count() >= extraAckedSlotRound + EXTRA_ACKED_ROUNDS / 2) {
            extraAckedSlot ^= 1;
            extraAcked[extraAckedSlot] = 0;
            extraAckedSlotRound = rounds.count();
        }
        if (bandwidth.get() == 0) return;
        long expected = ackEpochStartNanos == UNSET ? 0
            : WindowMath.fromDouble((double) bandwidth.get() * (ack.nowNanos() - ackEpochStartNanos) / NANOS_PER_SECOND);
        // A new epoch when the ACKs fell back to the model's pace, or the epoch grew implausibly long.
        if (ackEpochStartNanos == UNSET || ackEpochAcked <= expected || ackEpochAcked >= MAX_ACK_EPOCH_BYTES) {
            ackEpochStartNanos = ack.nowNanos();
            ackEpochAcked = 0;
            expected = 0;
        }
        ackEpochAcked += ack.ackedBytes();
        long extra = Math.min(ackEpochAcked - expected, cwnd);
        if (extra > extraAcked[extraAckedSlot]) extraAcked[extraAckedSlot] = extra;
    }

    @Override
    public void onCongestionEvent(LossSample loss) {
        // Losses only feed the per-round loss rate (judged when the round ends) and PROBE_BW's
        // "stop probing" signal; a single loss changes neither rate nor window.
        roundLostBytes = WindowMath.add(roundLostBytes, loss.lostBytes());
        if (loss.lostBytes() > 0) lostInPhase = true;
    }

    /**
     * A timeout means nothing has been delivered for a long while: the path may have failed or
     * changed. The window restarts at its floor (four segments, not one: one segment stalls a
     * receiver that ACKs every second one) and, once ACKs return, grows by the bytes each ACK
     * delivers back to the model's target: a few rounds if the model still holds, while a path
     * that really changed ages the old bandwidth out of the model within ten rounds. Restarting
     * at one BDP instead would send a full window into a path that just lost everything.
     */
    @Override
    public void onRetransmissionTimeout(long nowNanos, long bytesInFlight) {
        saveForUndo();
        cwnd = minWindow;
    }

    @Override
    public void onSpuriousLoss(long nowNanos) {
        if (beforeReduction == null) return;
        cwnd = Math.max(cwnd, beforeReduction.cwnd());
        inflightHi = Math.max(inflightHi, beforeReduction.inflightHi());
        beforeReduction = null;
    }

    @Override
    public void onSegmentSizeChanged(int maxSegmentSize) {
        mss = WindowMath.requireSegmentSize(maxSegmentSize);
        minWindow = MIN_WINDOW_SEGMENTS * mss;
        cwnd = Math.max(cwnd, minWindow);
    }

    /** Saves the state before the first reduction of an episode (reductions in consecutive rounds are one). */
    private void saveForUndo() {
        long round = rounds.count();
        if (beforeReduction == null || round > lastReductionRound + 1) {
            beforeReduction = new Saved(cwnd, inflightHi);
        }
        lastReductionRound = round;
    }

    /**
     * A round ended: judge its losses, then start counting the next. Losses are congestion only
     * when the round was too lossy (more than {@link #LOSS_THRESHOLD} of its bytes, at least a
     * few segments) <em>and</em> a queue stood all round ({@link #queueStoodAbove}); then inflight
     * is capped, as BBRv3's inflight_hi. Otherwise they are random: they are repaired, feed the
     * random loss estimate that corrects the bandwidth samples, and change neither rate nor window.
     */
    private void endRound(AckSample ack) {
        long delivered = ack.delivered() - roundStartDelivered;
        int minLostSegments = mode == Mode.STARTUP ? STARTUP_LOSS_MIN_SEGMENTS : LOSS_MIN_SEGMENTS;
        boolean tooLossy = roundLostBytes >= (long) minLostSegments * mss
            && roundLostBytes > LOSS_THRESHOLD * ((double) roundLostBytes + delivered);
        boolean standingQueue = queueStoodAbove(STANDING_QUEUE_FRACTION);
        // STARTUP doubles its rate every round, so a queue that stands at all is filling: the
        // shallower threshold serves there, or a shallow buffer would overflow for rounds on end.
        boolean congested = mode == Mode.STARTUP ? standingQueue : queueStoodAbove(CONGESTED_QUEUE_FRACTION);
        if (tooLossy && congested) {
            // The path could not hold what was in flight: cap it below that, and if STARTUP
            // caused it, the pipe is full.
            saveForUndo();
            inflightHi = Math.max(minWindow, WindowMath.fromDouble(INFLIGHT_BETA * roundMaxInflight));
            inflightHiStep = mss;
            filledPipe = true;
        } else {
            // Losses show a round after the send: a probe's overflow is detected in the round after it.
            if (!roundProbed && !previousRoundProbed) updateRandomLoss(standingQueue ? 0 : roundLostBytes, delivered);
            raiseInflightCap();
        }
        roundLostBytes = 0;
        roundStartDelivered = ack.delivered();
        roundMaxInflight = ack.bytesInFlight();
        roundMinRtt = UNSET;
        previousRoundProbed = roundProbed;
        roundProbed = pacingGain > 1;
    }

    /** Whether even the round's smallest RTT sample lay more than {@code fraction} of the min RTT above it. */
    private boolean queueStoodAbove(double fraction) {
        long threshold = Math.max(MIN_QUEUE_NANOS, WindowMath.fromDouble(fraction * minRtt.get()));
        return roundMinRtt != UNSET && minRtt.get() > 0 && roundMinRtt - minRtt.get() > threshold;
    }

    /**
     * A round without congestion: {@code lost} of its bytes were lost at random, which moves the
     * random loss estimate (rounds too small to say are skipped). A round with a standing queue
     * passes 0: whatever it lost, the queue may have dropped, and counting that as random would
     * let the correction feed itself (a rate above the link's overflows the queue by just the
     * fraction that the correction then adds).
     */
    private void updateRandomLoss(long lost, long delivered) {
        double resolved = (double) roundLostBytes + delivered;
        if (resolved < (double) RANDOM_LOSS_MIN_SEGMENTS * mss) return;
        randomLoss += RANDOM_LOSS_GAIN * (lost / resolved - randomLoss);
    }

    /**
     * A round without congestion that was held by the cap raises it. Below one BDP the cap costs
     * throughput, so the step doubles each such round (1, 2, 4... segments) and a cap set by a
     * burst of loss is soon gone. Above one BDP it only limits the 1.25 probes, and creeps up a
     * segment per probe: that is where the queue overflowed.
     */
    private void raiseInflightCap() {
        if (inflightHi == Long.MAX_VALUE || roundMaxInflight + mss < inflightHi) {
            inflightHiStep = mss;
            return;
        }
        inflightHi = WindowMath.add(inflightHi, inflightHiStep);
        inflightHiStep = inflightHi < bdp(1) ? WindowMath.add(inflightHiStep, inflightHiStep) : mss;
        if (inflightHi >= targetWindow()) inflightHi = Long.MAX_VALUE;
    }

    /** The estimated rate of random loss, 0 to {@link #MAX_RANDOM_LOSS}. */
    public double randomLossRate() {
        return Math.min(randomLoss, MAX_RANDOM_LOSS);
    }

    private void updateBandwidth(AckSample ack, boolean roundStart) {
        // An application-limited sample only shows what the application offered; it counts only
        // when it beats the estimate anyway.
        // Random loss is not the path's limit (Westwood's insight, BBRv1's blind spot above 20%):
        // the packets it destroyed were carried as far as the loss, so the rate the path accepts
        // is the delivery rate over the surviving fraction. Without this correction each gain
        // cycle at loss rate p ends at 1.25 (1 - p) of the last estimate, which shrinks for p > 20%.
        long sample = WindowMath.fromDouble(ack.deliveryRate() / (1 - randomLossRate()));
        boolean counts = sample > 0 && (!ack.appLimited() || sample >= bandwidth.get());
        bandwidth.update(rounds.count(), roundStart, counts ? sample : 0);
    }

    private void updateMinRtt(AckSample ack) {
        boolean expired = minRtt.isExpired(ack.nowNanos());
        minRtt.offer(ack.rttNanos(), ack.nowNanos());
        // Not refreshed for 10 s: queues may hide the propagation delay; go and measure it.
        if (expired && mode != Mode.PROBE_RTT) enterProbeRtt();
    }

    private void updateMode(AckSample ack, boolean roundStart) {
        if (mode == Mode.STARTUP) {
            if (roundStart && !ack.appLimited()) checkFullPipe();
            if (filledPipe) enter(Mode.DRAIN, DRAIN_GAIN, STARTUP_GAIN);
        }
        if (mode == Mode.DRAIN && ack.bytesInFlight() <= bdp(1)) enterProbeBw(ack.nowNanos());
        if (mode == Mode.PROBE_BW && phaseOver(ack)) startPhase((cycleIndex + 1) % PROBE_BW_PHASES, ack.nowNanos());
        if (mode == Mode.PROBE_RTT) handleProbeRtt(ack);
    }

    /** STARTUP: the pipe is full when the bandwidth grew by less than 25% three rounds in a row. */
    private void checkFullPipe() {
        if (bandwidth.get() >= FULL_BANDWIDTH_GROWTH * fullBandwidth) {
            fullBandwidth = bandwidth.get();
            roundsWithoutGrowth = 0;
        } else if (++roundsWithoutGrowth >= FULL_BANDWIDTH_ROUNDS) {
            filledPipe = true;
        }
    }

    private void enterProbeBw(long nowNanos) {
        // Start anywhere but the draining 0.75 phase.
        int start = random.nextInt(PROBE_BW_PHASES - 1);
        mode = Mode.PROBE_BW;
        cwndGain = CWND_GAIN;
        startPhase(start == 0 ? 0 : start + 1, nowNanos);
    }

    private void startPhase(int index, long nowNanos) {
        cycleIndex = index;
        cycleStartNanos = nowNanos;
        pacingGain = probeBwGain(index);
        lostInPhase = false;
    }

    /**
     * Each phase lasts at least one min RTT. Probing (1.25) goes on until the extra data is in
     * flight or losses show the queue is full; draining (0.75) ends early once in-flight is back
     * to one BDP.
     */
    private boolean phaseOver(AckSample ack) {
        boolean fullLength = ack.nowNanos() - cycleStartNanos > minRtt.get();
        if (pacingGain > 1) return fullLength && (lostInPhase || ack.bytesInFlight() >= bdp(pacingGain));
        if (pacingGain < 1) return fullLength || ack.bytesInFlight() <= bdp(1);
        return fullLength;
    }

    /** The pacing gain of PROBE_BW's phase {@code phase} (0 probes at 1.25, 1 drains at 0.75, the rest cruise at 1). */
    static double probeBwGain(int phase) {
        return PROBE_BW_GAINS[phase];
    }

    private void enterProbeRtt() {
        cwndBeforeProbeRtt = Math.max(cwndBeforeProbeRtt, cwnd);
        probeRttDoneNanos = UNSET;
        enter(Mode.PROBE_RTT, 1, 1);
    }

    /**
     * PROBE_RTT: once in-flight has fallen to the window's floor, hold it there for 200 ms and
     * at least one full round (two round starts), then return with the window it had.
     */
    private void handleProbeRtt(AckSample ack) {
        if (probeRttDoneNanos == UNSET) {
            if (ack.bytesInFlight() <= minWindow) {
                probeRttDoneNanos = ack.nowNanos() + PROBE_RTT_DURATION_NANOS;
                probeRttStartRound = rounds.count();
            }
            return;
        }
        if (rounds.count() >= probeRttStartRound + 2 && ack.nowNanos() >= probeRttDoneNanos) {
            minRtt.refresh(ack.nowNanos());
            cwnd = Math.max(cwnd, cwndBeforeProbeRtt);
            cwndBeforeProbeRtt = 0;
            if (filledPipe) {
                enterProbeBw(ack.nowNanos());
            } else {
                enter(Mode.STARTUP, STARTUP_GAIN, STARTUP_GAIN);
            }
        }
    }

    private void enter(Mode next, double pacing, double window) {
        mode = next;
        pacingGain = pacing;
        cwndGain = window;
    }

    private void updatePacingRate() {
        long rate;
        if (bandwidth.get() > 0) {
            rate = WindowMath.fromDouble(pacingGain * bandwidth.get());
        } else if (minRtt.get() > 0) {
            // No delivery-rate sample yet: the initial window per min RTT, at the current gain.
            rate = WindowMath.fromDouble(pacingGain * cwnd * NANOS_PER_SECOND / minRtt.get());
        } else {
            return;
        }
        // In STARTUP a low early sample must not slow the exponential search down.
        if (filledPipe || rate > pacingRate) pacingRate = rate;
    }

    private void updateWindow(AckSample ack) {
        long target = targetWindow();
        if (filledPipe) {
            cwnd = Math.min(WindowMath.add(cwnd, ack.ackedBytes()), target);
        } else if (cwnd < target || ack.delivered() < initialWindow) {
            cwnd = WindowMath.add(cwnd, ack.ackedBytes());
        }
        cwnd = Math.max(Math.min(cwnd, inflightHi), minWindow);
        if (mode == Mode.PROBE_RTT) cwnd = minWindow;
    }

    /** cwnd_gain · BDP plus headroom; the initial window until the model has both estimates. */
    private long targetWindow() {
        if (bandwidth.get() == 0 || minRtt.get() == 0) return initialWindow;
        long aggregation = Math.max(extraAcked[0], extraAcked[1]);
        return WindowMath.add(WindowMath.add(bdp(cwndGain), HEADROOM_SEGMENTS * mss), aggregation);
    }

    /** {@code gain} times the estimated bandwidth-delay product, in bytes. */
    private long bdp(double gain) {
        return WindowMath.fromDouble(gain * bandwidth.get() * minRtt.get() / NANOS_PER_SECOND);
    }

    @Override
    public String toString() {
        return "Bbr[" + mode + ", gain=" + pacingGain + ", bw=" + bandwidth.get() + " B/s, minRtt=" + minRtt.get()
            + " ns, cwnd=" + cwnd + ", inflightHi=" + (inflightHi == Long.MAX_VALUE ? "none" : inflightHi) + "]";
    }
}
