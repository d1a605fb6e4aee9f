package net.rudp;

/**
 * A snapshot of one connection, like {@code ss -ti} shows for TCP. Times in nanoseconds, rates in
 * bytes per second, windows in bytes.
 *
 * @param state                   where the connection is in its life
 * @param congestionControl       the controller's name ({@link CongestionControl#id()})
 * @param smoothedRtt             SRTT (RFC 6298)
 * @param rttVariation            RTTVAR (RFC 6298)
 * @param minRtt                  the smallest RTT sample
 * @param rto                     the current retransmission timeout
 * @param congestionWindow        what the controller lets be in flight
 * @param slowStartThreshold      ssthresh ({@link Long#MAX_VALUE} during the first slow start)
 * @param bytesInFlight           sent and neither acknowledged nor declared lost
 * @param pacingRate              the rate sends are spread at
 * @param deliveryRate            the latest delivery-rate sample
 * @param bytesSent               stream bytes sent, retransmissions included
 * @param bytesAcked              stream bytes the peer acknowledged
 * @param bytesRetransmitted      stream bytes sent again
 * @param bytesReceived           stream bytes received in order
 * @param packetsSent             packets sent
 * @param packetsReceived         packets received for this connection
 * @param packetsLost             packets declared lost
 * @param spuriousRetransmissions retransmissions later proven unneeded
 * @param retransmissionTimeouts  times the retransmission timer expired
 * @param sendWindow              what the peer's advertised window still allows to send
 * @param receiveWindow           what this side's advertised window still allows the peer to send
 * @param corruptReceived         datagrams from the peer that failed their checksum
 * @param datagramSize            the largest datagram sent now: the path MTU found so far (spec 9.13), or
 *                                {@link ConnectionConfig#maxDatagramSize()} without path MTU discovery
 */
public record ConnectionStats(ConnectionState state, String congestionControl,
                              long smoothedRtt, long rttVariation, long minRtt, long rto,
                              long congestionWindow, long slowStartThreshold, long bytesInFlight,
                              long pacingRate, long deliveryRate,
                              long bytesSent, long bytesAcked, long bytesRetransmitted, long bytesReceived,
                              long packetsSent, long packetsReceived, long packetsLost,
                              long spuriousRetransmissions, long retransmissionTimeouts,
                              long sendWindow, long receiveWindow, long corruptReceived,
                              int datagramSize) {

    /**
     * Retransmitted bytes per byte sent.
     *
     * @return {@code bytesRetransmitted / bytesSent}, 0 before anything was sent
     */
    public double retransmissionRate() {
        return bytesSent == 0 ? 0 : (double) bytesRetransmitted / bytesSent;
    }
}
