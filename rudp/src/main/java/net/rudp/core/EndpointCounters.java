package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import net.rudp.EndpointStats;

/**
 * Counts what an {@link Endpoint} does with datagrams as a whole: received, sent, dropped before
 * any connection saw them, RSTs it answered with, calls it refused. Observation only: nothing
 * the endpoint decides reads these counts. Guarded by the endpoint's lock, as the endpoint is.
 *
 * <p>It also counts the datagrams a flush sends, as a {@link DatagramSink} in front of the
 * driver's ({@link #countingInto}), so no sender needs to count for itself.
 */
public final class EndpointCounters implements DatagramSink {
    private long received;
    private long sent;
    private long decodeErrors;
    private long dropped;
    private long resetsSent;
    private long callsRefused;
    private DatagramSink target;

    void received() {
        received++;
    }

    /** A datagram that did not decode; it is dropped too. */
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

    void resetSent() {
        resetsSent++;
    }

    /** Datagrams that did not decode, so far. */
    public long decodeErrors() {
        return decodeErrors;
    }

    /** Call requests refused, so far. */
    public long callsRefused() {
        return callsRefused;
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

    /**
     * The counts, with the socket's own.
     *
     * @param datagramErrors the sends and receives the driver's socket failed
     */
    public EndpointStats snapshot(long datagramErrors) {
        return new EndpointStats(received, sent, decodeErrors, dropped, resetsSent, callsRefused, datagramErrors);
    }
}
