package net.rudp.demo.bench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import net.rudp.core.Connection;
import net.rudp.core.ConnectionConfig;
import net.rudp.core.Endpoint;

/**
 * A client and a server {@link Endpoint} wired back to back in memory on a virtual clock: the
 * sans-I/O core with no sockets, threads or system calls, so that running it costs only the
 * protocol's own CPU. The client streams to the server; each step delivers what has arrived,
 * runs due timers, lets the applications write and read, and flushes both endpoints; then the
 * clock jumps to the next arrival or deadline.
 *
 * <p>The constructor completes the handshake; {@link #transfer} then moves bytes over that one
 * connection, which stays open (and warm) from one call to the next.
 */
final class InMemoryPair {
    /** Documentation addresses (RFC 5737): nothing is sent anywhere. */
    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 40000);
    static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.2", 4000);
    /** Bytes the applications write or read per call. */
    private static final int CHUNK = 64 * 1024;
    /** Steps in a row at one instant before the pair calls the transfer stalled (a timer that never moves). */
    private static final int MAX_STEPS_AT_ONE_INSTANT = 10_000;
    /** Virtual time a transfer may take before it counts as stalled; a loss-free 100 us RTT needs far less. */
    private static final long MAX_VIRTUAL_NANOS_PER_TRANSFER = 60_000_000_000L;

    private final Endpoint clientEnd;
    private final Endpoint serverEnd;
    private final InMemoryLink toServer;
    private final InMemoryLink toClient;
    private final Connection client;
    private final Connection server;
    private final ByteBuffer writeChunk = ByteBuffer.allocate(CHUNK);
    private final ByteBuffer readChunk = ByteBuffer.allocate(CHUNK);
    private final Endpoint.EventHandler ignoreEvents = (c, e) -> { };
    private long now;
    private long written;
    private long read;
    private int stepsAtThisInstant;

    /**
     * Opens the connection (runs the handshake).
     *
     * @param config           both endpoints' configuration
     * @param oneWayDelayNanos the virtual time a datagram takes from one endpoint to the other
     * @param seed             the endpoints' randomness (connection ids, ISN secret)
     */
    InMemoryPair(ConnectionConfig config, long oneWayDelayNanos, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        clientEnd = new Endpoint(CLIENT, config, random.split());
        serverEnd = new Endpoint(SERVER, config, random.split());
        toServer = new InMemoryLink(oneWayDelayNanos, config.maxDatagramSize());
        toClient = new InMemoryLink(oneWayDelayNanos, config.maxDatagramSize());
        serverEnd.listen(1);
        client = clientEnd.connect(SERVER, now);
        Connection accepted = null;
        long deadline = now + MAX_VIRTUAL_NANOS_PER_TRANSFER;
        while (accepted == null) { // the server accepts once the client's handshake ACK arrived
            step(StreamContent.UNCHECKED, 0, deadline);
            if (accepted == null) accepted = serverEnd.accept();
        }
        server = accepted;
        writeChunk.limit(0);
    }

    /**
     * Streams {@code bytes} more bytes from the client to the server: returns once the server's
     * application has read exactly that many. The client writes ahead as far as its send buffer
     * allows, so the pipe stays full across calls.
     *
     * @throws IllegalStateException if the transfer stalls (nothing in flight and no timer armed,
     *                               or far more virtual time than a loss-free link needs)
     */
    void transfer(long bytes, StreamContent content) {
        long target = read + bytes;
        long deadline = now + MAX_VIRTUAL_NANOS_PER_TRANSFER;
        while (read < target) step(content, target, deadline);
    }

    /** Stream bytes the server's application has read so far. */
    long bytesRead() {
        return read;
    }

    /** Datagrams carried so far, both directions (data one way, mostly ACKs the other). */
    long datagrams() {
        return toServer.datagrams() + toClient.datagrams();
    }

    /** The virtual clock. */
    long nowNanos() {
        return now;
    }

    private void step(StreamContent content, long readTarget, long deadline) {
        toServer.deliverDue(now, serverEnd, CLIENT);
        toClient.deliverDue(now, clientEnd, SERVER);
        clientEnd.timeout(now);
        serverEnd.timeout(now);
        if (server != null) { // null while the handshake runs
            write(content);
            read(content, readTarget);
        }
        clientEnd.flush(now, toServer.sendingAt(now));
        serverEnd.flush(now, toClient.sendingAt(now));
        clientEnd.drainEvents(ignoreEvents);
        serverEnd.drainEvents(ignoreEvents);
        advanceClock(deadline);
    }

    private void write(StreamContent content) {
        while (client.writableBytes() > 0) {
            if (!writeChunk.hasRemaining()) {
                writeChunk.clear();
                content.fill(writeChunk, written);
            }
            written += client.write(writeChunk);
        }
    }

    private void read(StreamContent content, long readTarget) {
        while (read < readTarget) {
            readChunk.clear().limit((int) Math.min(CHUNK, readTarget - read));
            int n = server.read(readChunk);
            if (n <= 0) return;
            readChunk.flip();
            content.check(readChunk, read);
            read += n;
        }
    }

    private void advanceClock(long deadline) {
        long next = Math.min(Math.min(toServer.nextArrival(), toClient.nextArrival()),
            Math.min(clientEnd.nextDeadline(), serverEnd.nextDeadline()));
        if (next == Long.MAX_VALUE) {
            throw new IllegalStateException("transfer stalled: nothing in flight and no timer armed at " + now
                + " ns (client " + client + ", read " + read + " of " + written + " bytes written)");
        }
        if (next > deadline) {
            throw new IllegalStateException("transfer stalled: virtual time passed " + deadline + " ns with "
                + read + " of " + written + " bytes read (client " + client + ")");
        }
        if (next > now) {
            now = next;
            stepsAtThisInstant = 0;
        } else if (++stepsAtThisInstant > MAX_STEPS_AT_ONE_INSTANT) {
            throw new IllegalStateException("transfer stalled: " + MAX_STEPS_AT_ONE_INSTANT
                + " steps at " + now + " ns without the clock moving (client " + client + ")");
        }
    }
}
