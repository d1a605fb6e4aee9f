package net.rudp.core;

import net.rudp.congestion.MinRttFilter;

/**
 * Round-trip time estimation and the retransmission timeout, as RFC 6298 specifies, plus the
 * windowed minimum RTT ({@link MinRttFilter}) that loss detection (RFC 8985) uses.
 */
final class RttEstimator {
    /** RFC 6298 2.4's clock granularity G: rudp's timers are nanosecond-precise, so 1 ms is generous. */
    private static final long GRANULARITY_NANOS = 1_000_000;

    private final long initialRto;
    private final long minRto;
    private final long maxRto;

    private final MinRttFilter minRtt = new MinRttFilter(MinRttFilter.DEFAULT_WINDOW_NANOS);
    private long srtt;
    private long rttvar;
    private long rto;
    private int backoff;

    RttEstimator(long initialRtoNanos, long minRtoNanos, long maxRtoNanos) {
        this.initialRto = initialRtoNanos;
        this.minRto = minRtoNanos;
        this.maxRto = maxRtoNanos;
        // RFC 6298 2.1: "Until a round-trip time (RTT) measurement has been made ... the sender
        // SHOULD set RTO <- 1 second" (configurable here, 1 s by default).
        this.rto = initialRtoNanos;
    }

    /** Takes one RTT measurement. */
    void onSample(long rttNanos, long nowNanos) {
        long r = Math.max(1, rttNanos);
        if (srtt == 0) {
            // RFC 6298 2.2: SRTT <- R, RTTVAR <- R/2.
            srtt = r;
            rttvar = r / 2;
        } else {
            // RFC 6298 2.3: RTTVAR <- (1 - beta) * RTTVAR + beta * |SRTT - R'|,
            //               SRTT <- (1 - alpha) * SRTT + alpha * R', alpha = 1/8, beta = 1/4.
            rttvar = rttvar - (rttvar >> 2) + (Math.abs(srtt - r) >> 2);
            srtt = srtt - (srtt >> 3) + (r >> 3);
        }
        minRtt.offer(r, nowNanos);
        // RFC 6298 5.7 resets the backoff once new data is acknowledged; a fresh sample is that moment.
        backoff = 0;
        recompute();
    }

    private void recompute() {
        // RFC 6298 2.3: RTO <- SRTT + max (G, K*RTTVAR), K = 4; 2.4: rounded up to the minimum;
        // 2.5: "A maximum value MAY be placed on RTO provided it is at least 60 seconds."
        long base = srtt == 0 ? initialRto : srtt + Math.max(GRANULARITY_NANOS, 4 * rttvar);
        rto = Math.min(maxRto, Math.max(minRto, base));
    }

    /** RFC 6298 5.5: "The host MUST set RTO <- RTO * 2 ("back off the timer")". */
    void backOff() {
        backoff++;
    }

    /** The retransmission timeout including backoff, capped at the maximum. */
    long rto() {
        long r = rto;
        for (int i = 0; i < backoff && r < maxRto; i++) r <<= 1;
        return Math.min(maxRto, r);
    }

    boolean hasSample() {
        return srtt != 0;
    }

    long smoothedRtt() {
        return srtt;
    }

    long rttVariation() {
        return rttvar;
    }

    long minRtt() {
        return minRtt.get();
    }
}
