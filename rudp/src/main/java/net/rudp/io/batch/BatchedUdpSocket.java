package net.rudp.io.batch;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * A bound UDP socket that sends and receives datagrams in batches, through buffers it owns, so
 * its caller encodes datagrams straight into the send batch and decodes them straight from the
 * receive batch.
 *
 * <p>Two implementations behave alike (every test of this package runs against both): the plain
 * one, a {@link java.nio.channels.DatagramChannel} with one system call per datagram, and on
 * Linux with Java 22+ the fast path, which owns its socket through the Foreign Function &amp;
 * Memory API and sends runs of same-size datagrams to one peer as one UDP GSO message, receives
 * GRO trains, and moves many messages per {@code sendmmsg}/{@code recvmmsg}. Open one with
 * {@link BatchedUdpSockets}.
 *
 * <p><b>Threads.</b> One thread at a time does I/O ({@link #send}, {@link #receive},
 * {@link #awaitReadable}, {@link #connect}), except that a {@link #send} (with the
 * {@link #outgoing()} batch it sends, and {@link #pollDeliveryError}) may overlap another
 * thread's {@link #awaitReadable}: a writer sends while the reader waits. {@link #wakeup} and
 * {@link #close} may be called from any thread at any time, as
 * {@link java.nio.channels.Selector#wakeup()} and {@code close} may.
 *
 * <p><b>Closed.</b> After {@link #close}, every I/O method throws
 * {@link java.nio.channels.ClosedChannelException}; a thread waiting in {@link #awaitReadable}
 * when another closes the socket gets {@link java.nio.channels.AsynchronousCloseException}.
 * Closing twice does nothing; {@link #wakeup} on a closed socket does nothing.
 */
public interface BatchedUdpSocket extends Closeable {

    /** The address the socket is bound to (the port the kernel chose, for port 0). */
    InetSocketAddress localAddress();

    /** What the socket uses now: GSO may turn off after the kernel refused it (see {@link #send}). */
    UdpOffloads offloads();

    /** The batch the next {@link #send} sends; the socket's own, reused. */
    OutgoingBatch outgoing();

    /**
     * Sends every datagram in {@link #outgoing()} and empties it. Never blocks: datagrams the
     * socket's send buffer has no room for are dropped, as a router drops them, and counted
     * ({@link UdpCounters#datagramsDropped()}); so are datagrams the kernel refuses (too long, no
     * route). When the kernel refuses a GSO run (EIO: a device that cannot segment, EINVAL: a
     * segment larger than the route's MTU, or checksums turned off), the run is resent as single
     * datagrams and GSO is turned off for this socket, logged once.
     *
     * @return how many datagrams the kernel accepted
     */
    int send() throws IOException;

    /** The batch the last {@link #receive} filled; the socket's own, reused. */
    IncomingBatch incoming();

    /**
     * Replaces {@link #incoming()}'s content with the datagrams waiting in the socket, as many as
     * the batch holds. Never blocks. Datagrams longer than
     * {@link UdpSocketConfig#receiveMessageBytes()} are dropped and counted.
     *
     * @return how many datagrams {@link #incoming()} now holds (0: none was waiting)
     */
    int receive() throws IOException;

    /**
     * Waits until a datagram (or a delivery error) is waiting, {@code timeoutNanos} passed, or
     * {@link #wakeup} was called (before or during the wait). May return early.
     *
     * @param timeoutNanos 0 to only look, {@link Long#MAX_VALUE} to wait without a timeout
     * @return whether the socket is readable
     */
    boolean awaitReadable(long timeoutNanos) throws IOException;

    /** Makes the current or next {@link #awaitReadable} return at once; any thread. */
    void wakeup();

    /**
     * Makes {@link #awaitReadable} also return when {@code channel} (a channel of the caller's,
     * non-blocking) is readable, after running {@code onReady} on the waiting thread: for
     * channels read only when the kernel says so. Until {@code channel} closes. For a socket
     * without an error queue, whose caller keeps channels of its own to hear ICMP errors
     * ({@link DeliveryError}).
     *
     * @throws UnsupportedOperationException on the fast path, which waits on its own descriptors
     *                                       only (it has an error queue where the kernel does)
     */
    void watch(DatagramChannel channel, Runnable onReady) throws IOException;

    /**
     * Connects the socket to {@code peer}: it then receives from {@code peer} only, sends only
     * there ({@link OutgoingBatch#begin} refuses other destinations), and learns of the peer's port
     * being unreachable on both paths.
     */
    void connect(InetSocketAddress peer) throws IOException;

    /** The oldest delivery error not taken yet, or null (see {@link DeliveryError}). */
    DeliveryError pollDeliveryError();

    /** What the socket has done so far. */
    UdpCounters counters();

    /** Releases the port and the socket's memory; any thread. */
    @Override
    void close() throws IOException;
}
