package net.rudp.congestion;

/**
 * Data declared lost.
 *
 * @param nowNanos               when the loss was detected
 * @param lostBytes              bytes declared lost by this detection
 * @param largestLostSentNanos   when the newest of the lost packets was sent
 * @param bytesInFlight          bytes in flight after the lost bytes were taken out
 */
public record LossSample(long nowNanos, long lostBytes, long largestLostSentNanos, long bytesInFlight) {}
