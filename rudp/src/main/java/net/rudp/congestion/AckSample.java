package net.rudp.congestion;

/**
 * What one ACK told the sender: the connection builds one per ACK that newly acknowledges data.
 *
 * <p>The delivery fields follow the IETF draft "Delivery Rate Estimation"
 * (draft-cheng-iccrg-delivery-rate-estimation): the connection keeps a running count
 * {@code C.delivered} of bytes acknowledged (cumulatively or selectively) since the connection
 * began, and stamps every packet it sends (new data or retransmission) with that count, the time
 * of the latest delivery and whether the sender was application-limited at that moment. When an
 * ACK arrives, the newest packet it acknowledges (the one sent last) supplies
 * {@code priorDelivered}, {@code largestAckedSentNanos}, {@code appLimited} and the start of the
 * delivery-rate interval.
 *
 * @param nowNanos              when the ACK arrived
 * @param ackedBytes            bytes newly acknowledged by this ACK (cumulatively or selectively;
 *                              bytes already SACKed earlier are not counted again)
 * @param rttNanos              the RTT sample this ACK gave (now minus the echoed timestamp), or 0 if none
 * @param smoothedRttNanos      the smoothed RTT (RFC 6298 SRTT) after this sample, 0 if none yet
 * @param bytesInFlight         bytes in flight after this ACK (and any losses it revealed) was processed
 * @param deliveryRate          the draft's {@code rs.delivery_rate} in bytes per second: bytes delivered
 *                              between the newest acknowledged packet's send and now, divided by
 *                              max(send interval, ack interval); 0 when there is no valid sample
 *                              (for example the interval was shorter than the minimum RTT)
 * @param appLimited            the draft's {@code rs.is_app_limited}: the newest acknowledged packet was
 *                              sent while the application, not the congestion window or the peer's
 *                              window, limited sending (nothing more to send and in-flight below cwnd)
 * @param largestAckedSentNanos when the newest packet this ACK acknowledges was sent
 * @param delivered             {@code C.delivered}: total bytes delivered on the connection, including
 *                              this ACK's {@code ackedBytes}
 * @param priorDelivered        {@code rs.prior_delivered}: the value {@code delivered} had when the newest
 *                              packet this ACK acknowledges was sent (so it is at most {@code delivered});
 *                              controllers count round trips with it
 * @param spuriousLostBytes     bytes among {@code ackedBytes} that had been declared lost and whose original
 *                              transmission arrived after all (acknowledged before any retransmission, or
 *                              the ACK echoes a timestamp older than the retransmission): reordering, not
 *                              loss, so a controller takes them back out of its loss count
 */
public record AckSample(long nowNanos, long ackedBytes, long rttNanos, long smoothedRttNanos,
                        long bytesInFlight, long deliveryRate, boolean appLimited,
                        long largestAckedSentNanos, long delivered, long priorDelivered, long spuriousLostBytes) {

    public AckSample {
        if (ackedBytes < 0 || rttNanos < 0 || smoothedRttNanos < 0 || bytesInFlight < 0 || deliveryRate < 0) {
            throw new IllegalArgumentException("AckSample byte counts, times and rates must not be negative: " + this);
        }
        if (spuriousLostBytes < 0 || spuriousLostBytes > ackedBytes) {
            throw new IllegalArgumentException(
                "AckSample spuriousLostBytes must lie in [0, ackedBytes] (they are acknowledged bytes): " + this);
        }
        if (priorDelivered < 0 || priorDelivered > delivered) {
            throw new IllegalArgumentException(
                "AckSample priorDelivered must lie in [0, delivered] (it is the delivered count at send): " + this);
        }
    }
}
