package net.rudp;

/**
 * A snapshot of one endpoint: the UDP socket that carries a listener's connections, or a client
 * connection's. It counts what happened to datagrams no single connection owns (what
 * {@code netstat -su} shows for the kernel's UDP, and TCP's "resets sent" and "listen drops").
 *
 * @param datagramsReceived datagrams the endpoint received
 * @param datagramsSent     datagrams the endpoint handed to its socket
 * @param decodeErrors      received datagrams that were no valid rudp packet (bad checksum, version, type or length)
 * @param datagramsDropped  received datagrams that reached no connection: those that did not decode, those for a
 *                          connection the endpoint does not have, and refused call requests
 * @param resetsSent        RSTs the endpoint itself sent: to packets for no connection, and to refused calls
 * @param callsRefused      call requests refused because the endpoint did not listen or its backlog was full
 * @param datagramErrors    sends and receives the socket failed (a full send buffer, an unreachable network, ...);
 *                          each is a lost datagram the connection recovers from
 * @param unauthenticated   datagrams the authenticated mode dropped before any connection saw them
 *                          (spec/AUTHENTICATED.md 5): forged or altered (their tag did not open), replayed,
 *                          or unsealed; always 0 in plain rudp
 */
public record EndpointStats(long datagramsReceived, long datagramsSent, long decodeErrors, long datagramsDropped,
                            long resetsSent, long callsRefused, long datagramErrors,
                            long unauthenticated) {

    /**
     * These counts and {@code other}'s together: a listener's, whose loops each run an endpoint.
     *
     * @param other another endpoint's snapshot
     * @return the sums
     */
    public EndpointStats plus(EndpointStats other) {
        return new EndpointStats(datagramsReceived + other.datagramsReceived, datagramsSent + other.datagramsSent,
            decodeErrors + other.decodeErrors, datagramsDropped + other.datagramsDropped, resetsSent + other.resetsSent,
            callsRefused + other.callsRefused, datagramErrors + other.datagramErrors, unauthenticated + other.unauthenticated);
    }
}
