package net.rudp.congestion;

/**
 * Data declared lost by one loss detection (duplicate threshold, RACK or NACK; not the
 * retransmission timer, which has its own call).
 *
 * @param nowNanos             when the loss was detected
 * @param lostBytes            bytes declared lost by this detection (each packet counted once, when
 *                             it is first declared lost)
 * @param largestLostSentNanos when the newest of the lost packets was (last) sent
 */
public record LossSample(long nowNanos, long lostBytes, long largestLostSentNanos) {

    public LossSample {
        if (lostBytes < 0) {
            throw new IllegalArgumentException("LossSample lostBytes must not be negative: " + lostBytes);
        }
    }
}
