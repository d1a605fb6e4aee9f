package net.rudp.congestion;

/**
 * HyStart++ (RFC 9406): leaves the first slow start when the round trip time starts to grow
 * (the queue at the bottleneck is filling), before losses force it out, through a few rounds of
 * Conservative Slow Start (CSS) in case the RTT increase was a false alarm.
 *
 * <p>rudp always paces, so RFC 9406's burst limit L is infinite: slow start grows the window by
 * every byte acknowledged.
 */
final class HyStartPlusPlus {

    // RFC 9406 4.3 recommended constants.
    static final long MIN_RTT_THRESH_NANOS = 4_000_000;
    static final long MAX_RTT_THRESH_NANOS = 16_000_000;
    static final int MIN_RTT_DIVISOR = 8;
    static final int N_RTT_SAMPLE = 8;
    static final int CSS_GROWTH_DIVISOR = 4;
    static final int CSS_ROUNDS = 5;

    private static final long NONE = Long.MAX_VALUE;

    private final RoundCounter rounds = new RoundCounter();
    private long lastRoundMinRtt = NONE;
    private long currentRoundMinRtt = NONE;
    private int rttSampleCount;
    /** The round's minimum RTT when CSS began; NONE while in (ordinary) slow start. */
    private long cssBaselineMinRtt = NONE;
    private int cssRoundsDone;

    /**
     * One ACK during the first slow start: returns how many bytes the window grows by. After it
     * returns, {@link #finished()} tells whether CSS has run its rounds and congestion avoidance
     * should begin.
     */
    long onAck(AckSample ack) {
        if (rounds.onAck(ack)) {
            // RFC 9406 4.2: "lastRoundMinRTT = currentRoundMinRTT; currentRoundMinRTT = infinity;
            // rttSampleCount = 0" at the start of each round.
            lastRoundMinRtt = currentRoundMinRtt;
            currentRoundMinRtt = NONE;
            rttSampleCount = 0;
            if (inCss()) cssRoundsDone++;
        }
        if (ack.rttNanos() > 0) {
            currentRoundMinRtt = Math.min(currentRoundMinRtt, ack.rttNanos());
            rttSampleCount++;
        }
        boolean enoughSamples = rttSampleCount >= N_RTT_SAMPLE;
        if (!inCss()) {
            if (enoughSamples && currentRoundMinRtt != NONE && lastRoundMinRtt != NONE) {
                // RFC 9406 4.2: "RttThresh = max(MIN_RTT_THRESH, min(lastRoundMinRTT /
                // MIN_RTT_DIVISOR, MAX_RTT_THRESH)); if (currentRoundMinRTT >= (lastRoundMinRTT +
                // RttThresh)) { cssBaselineMinRtt = currentRoundMinRTT; exit slow start and enter CSS }"
                long threshold = Math.max(MIN_RTT_THRESH_NANOS,
                    Math.min(lastRoundMinRtt / MIN_RTT_DIVISOR, MAX_RTT_THRESH_NANOS));
                if (currentRoundMinRtt >= WindowMath.add(lastRoundMinRtt, threshold)) {
                    cssBaselineMinRtt = currentRoundMinRtt;
                    cssRoundsDone = 0;
                }
            }
        } else if (enoughSamples && currentRoundMinRtt < cssBaselineMinRtt) {
            // RFC 9406 4.2: "if (currentRoundMinRTT < cssBaselineMinRtt) { cssBaselineMinRtt =
            // infinity; resume slow start }": the RTT increase was spurious.
            cssBaselineMinRtt = NONE;
        }
        // RFC 9406 4.2: in CSS, "cwnd = cwnd + (min(N, L * SMSS) / CSS_GROWTH_DIVISOR)".
        return inCss() ? ack.ackedBytes() / CSS_GROWTH_DIVISOR : ack.ackedBytes();
    }

    /** RFC 9406 4.2: "If CSS_ROUNDS rounds are complete, enter congestion avoidance by setting the ssthresh to the current cwnd." */
    boolean finished() {
        return inCss() && cssRoundsDone >= CSS_ROUNDS;
    }

    private boolean inCss() {
        return cssBaselineMinRtt != NONE;
    }
}
