package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import net.rudp.EndpointStats;

/**
 * Counts what an {@link Endpoint} does with datagrams as a whole and what its defences did:
 * received, sent, dropped before any connection saw them, decode errors, RSTs it answered with,
 * calls it refused, call-request cookies (spec 8.3) and the stateless replies the rate limit held
 * back (spec 13.1). Observation only: nothing the endpoint decides reads these counts. Only the
 * endpoint writes them, under its lock.
 *
 * <p>It also counts the datagrams a flush sends, as a {@link DatagramSink} in front of the
 * driver's ({@link #countingInto}), so no sender needs to count for itself; it passes the
 * driver's {@link DatagramSink#slot slots} through, so datagrams are still encoded in place.
 */
public final class EndpointCounters implements DatagramSink {
    private long received;
    private long sent;
    private long decodeErrors;
    private long dropped;
    private long resetsSent;
    private long callsRefused;
    long cookiesSent;
    long cookiesAccepted;
    long cookiesFailed;
    long refusedQueueFull;
    long statelessRepliesSuppressed;
    private long forgeriesDropped;
    private long replaysDropped;
    private DatagramSink target;

    EndpointCounters() {}

    void received() {
        received++;
    }

    /** A datagram that did not decode (spec 6.1); it is dropped too. */
    void decodeError() {
        decodeErrors++;
        dropped++;
    }

    /** A datagram that reached no connection. */
    void dropped() {
        dropped++;
    }

    /** A call request refused (it is dropped too); its RST is counted when sent. */
    void callRefused() {
        callsRefused++;
        dropped++;
    }

    /**
     * A datagram the authenticated mode dropped before its connection saw it (spec/AUTHENTICATED.md
     * 5): a replay, or else a forgery (a tag that did not open, an unsealed packet, a SYN_ACK that
     * did not authenticate).
     */
    void unauthenticated(boolean replay) {
        if (replay) replaysDropped++;
        else forgeriesDropped++;
        dropped++;
    }

    void resetSent() {
        resetsSent++;
    }

    /** Datagrams dropped because they did not decode, so far. */
    public long decodeErrors() {
        return decodeErrors;
    }

    /** Call requests refused, so far. */
    public long callsRefused() {
        return callsRefused;
    }

    /** Cookie SYN_ACKs sent, each for a SYN that cost no state (spec 8.3 rule 2). */
    public long cookiesSent() {
        return cookiesSent;
    }

    /** Connections created from a genuine cookie (spec 8.3 rule 3). */
    public long cookiesAccepted() {
        return cookiesAccepted;
    }

    /** Packets for no connection dropped while cookies were in use because their cookie did not check. */
    public long cookiesFailed() {
        return cookiesFailed;
    }

    /** Call requests refused because the backlog or the accept queue was full (RST(REFUSED) with QUEUE_FULL). */
    public long refusedQueueFull() {
        return refusedQueueFull;
    }

    /** Datagrams the authenticated mode dropped as forged, altered or unsealed, so far. */
    public long forgeriesDropped() {
        return forgeriesDropped;
    }

    /** Datagrams the authenticated mode dropped as replays (a packet number opened before, or too old), so far. */
    public long replaysDropped() {
        return replaysDropped;
    }

    /** RST(REFUSED) and RST(NO_CONNECTION) not sent because of the per-source or global limit. */
    public long statelessRepliesSuppressed() {
        return statelessRepliesSuppressed;
    }

    /** This, sending into {@code sink} and counting each datagram, until the next call. */
    DatagramSink countingInto(DatagramSink sink) {
        target = sink;
        return this;
    }

    @Override
    public void send(InetSocketAddress to, ByteBuffer datagram) {
        sent++;
        target.send(to, datagram);
    }

    @Override
    public ByteBuffer slot(InetSocketAddress to, int maxLength) {
        return target.slot(to, maxLength);
    }

    /**
     * The counts, with the socket's own.
     *
     * @param datagramErrors the sends and receives the driver's socket failed
     */
    public EndpointStats snapshot(long datagramErrors) {
        return new EndpointStats(received, sent, decodeErrors, dropped, resetsSent, callsRefused, datagramErrors,
            forgeriesDropped + replaysDropped);
    }

    @Override
    public String toString() {
        return "EndpointCounters[received=" + received + ", sent=" + sent + ", decodeErrors=" + decodeErrors + ", dropped="
            + dropped + ", resetsSent=" + resetsSent + ", callsRefused=" + callsRefused + ", cookiesSent=" + cookiesSent
            + ", cookiesAccepted=" + cookiesAccepted + ", cookiesFailed=" + cookiesFailed + ", refusedQueueFull="
            + refusedQueueFull + ", statelessRepliesSuppressed=" + statelessRepliesSuppressed + ", forgeriesDropped="
            + forgeriesDropped + ", replaysDropped=" + replaysDropped + "]";
    }
}
