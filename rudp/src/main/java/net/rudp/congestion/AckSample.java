package net.rudp.congestion;

/**
 * What one ACK told the sender.
 *
 * @param nowNanos                when the ACK arrived
 * @param ackedBytes              bytes newly acknowledged (cumulatively or selectively)
 * @param rttNanos                the RTT sample this ACK gave, or 0 if none
 * @param minRttNanos             the lowest RTT seen on the connection (windowed), 0 if none yet
 * @param smoothedRttNanos        the smoothed RTT (RFC 6298 SRTT), 0 if none yet
 * @param bytesInFlight           bytes in flight after this ACK was processed
 * @param deliveryRate            bytes per second delivered over the sample's interval, 0 if none
 * @param appLimited              the sample was taken while the application, not the window, limited sending
 * @param largestAckedSentNanos   when the newest packet this ACK covers was sent
 */
public record AckSample(long nowNanos, long ackedBytes, long rttNanos, long minRttNanos,
                        long smoothedRttNanos, long bytesInFlight, long deliveryRate,
                        boolean appLimited, long largestAckedSentNanos) {}
