package net.rudp.demo.bench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import net.rudp.ConnectionConfig;
import net.rudp.core.Connection;
import net.rudp.core.Endpoint;

/**
 * A client and a server {@link Endpoint} wired back to back in memory on a virtual clock: the
 * sans-I/O core with no sockets, threads or system calls, so that running it costs only the
 * protocol's own CPU. The client streams to the server; each step delivers what has arrived,
 * runs due timers, lets the applications write and read, and flushes both endpoints; then the
 * clock jumps to the next arrival or deadline. Like the I/O driver, which receives a batch of
 * datagrams per wake-up before it flushes, each step delivers at most {@code receiveBatch}
 * datagrams per endpoint: the batch decides how many data packets one ACK covers (every second
 * one at batch 1, as RFC 5681 asks; up to the batch when a whole window arrives at once).
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
    /** Steps in a row with neither a datagram nor a clock move before the pair calls the transfer stalled. */
    private static final int MAX_IDLE_STEPS = 1_000;
    /** Virtual time a transfer may take before it counts as stalled; a loss-free 100 us RTT needs far less. */
    private static final long MAX_VIRTUAL_NANOS_PER_TRANSFER = 60_000_000_000L;

    private final Endpoint clientEnd;
    private final Endpoint serverEnd;
    private final InMemoryLink toServer;
    private final InMemoryLink toClient;
    private final int receiveBatch;
    private final Connection client;
    private final Connection server;
    private final ByteBuffer writeChunk = ByteBuffer.allocate(CHUNK);
    private final ByteBuffer readChunk = ByteBuffer.allocate(CHUNK);
    private final Endpoint.EventHandler ignoreEvents = (c, e) -> { };
    private long now;
    private long written;
    private long read;
    private int idleSteps;

    /**
     * Opens the connection (runs the handshake).
     *
     * @param config           both endpoints' configuration
     * @param oneWayDelayNanos the virtual time a datagram takes from one endpoint to the other
     * @param receiveBatch     the most datagrams an endpoint receives per wake-up before it flushes
     * @param seed             the endpoints' randomness (connection ids, ISN secret)
     */
    InMemoryPair(ConnectionConfig config, long oneWayDelayNanos, int receiveBatch, long seed) {
        if (receiveBatch < 1) throw new IllegalArgumentException("the receive batch must be positive: " + receiveBatch);
        this.receiveBatch = receiveBatch;
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
            accepted = serverEnd.accept();
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

    /** Datagrams the client has sent so far: its handshake, then DATA (it acknowledges nothing but the handshake). */
    long clientDatagrams() {
        return toServer.datagrams();
    }

    /** Datagrams the server has sent so far: its handshake, then ACKs and window updates (it writes no data). */
    long serverDatagrams() {
        return toClient.datagrams();
    }

    /** The virtual clock. */
    long nowNanos() {
        return now;
    }

    private void step(StreamContent content, long readTarget, long deadline) {
        int delivered = toServer.deliverDue(now, serverEnd, CLIENT, receiveBatch)
            + toClient.deliverDue(now, clientEnd, SERVER, receiveBatch);
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
        advanceClock(deadline, delivered > 0);
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

    private void advanceClock(long deadline, boolean delivered) {
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
            idleSteps = 0;
        } else if (delivered) {
            idleSteps = 0;
        } else if (++idleSteps > MAX_IDLE_STEPS) {
            throw new IllegalStateException("transfer stalled: " + MAX_IDLE_STEPS + " steps at " + now
                + " ns with no datagram delivered and a timer that does not move (client " + client + ")");
        }
    }
}
