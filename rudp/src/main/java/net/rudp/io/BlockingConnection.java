package net.rudp.io;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import net.rudp.core.Connection;
import net.rudp.core.ConnectionError;
import net.rudp.core.ConnectionEvents;
import net.rudp.ConnectionState;
import net.rudp.ConnectionStats;
import net.rudp.ConnectionTracer;
import net.rudp.jfr.JfrTracer;

/**
 * One rudp connection as application threads use it: blocking reads and writes with the
 * semantics and exception messages of {@link java.net.Socket} on Linux.
 *
 * <p>Every call takes the endpoint's lock briefly; a thread that must wait (no data to read, a
 * full send buffer, the handshake) waits on a {@link Condition} the event loop signals. Any
 * thread may call any method; as with a socket, concurrent reads (or concurrent writes) interleave
 * their bytes unpredictably, so use one reader and one writer at a time. An interrupted wait
 * closes the connection and throws {@code SocketException("Closed by interrupt")}, as a JDK socket
 * does on a virtual thread.
 *
 * <p>Timeouts are in nanoseconds; {@link #FOREVER} waits without limit.
 */
public final class BlockingConnection {

    /** A timeout that never expires. */
    public static final long FOREVER = Long.MAX_VALUE;

    private final EndpointDriver driver;
    private final Connection connection;
    private final Condition readable;
    private final Condition writable;
    /**
     * A writer blocked on a full send buffer is woken once a quarter of the buffer is free, not
     * for every acknowledgement, so that each wake-up copies a large chunk. Linux wakes a TCP
     * writer a little later, at a third of the buffer (free space at least half of what is still
     * queued: {@code sk_stream_is_writeable}).
     */
    private final int writeWakeThreshold;

    /** The local address as the peer sees it (a shared endpoint is bound to the wildcard address). */
    private final InetSocketAddress localAddress;
    /** Traces the connection into JFR events; the application's tracer, if any, is paired with it. */
    private final JfrTracer jfrTracer;

    // Guarded by the driver's lock.
    private boolean inputShutdown;
    private boolean outputShutdown;
    /** The driver's: whether a refusal probe watches this connection's call (see {@link RefusalProbes}). */
    boolean callProbed;

    BlockingConnection(EndpointDriver driver, Connection connection, InetSocketAddress localAddress, int sendBufferSize) {
        this.driver = driver;
        this.connection = connection;
        this.localAddress = localAddress;
        this.readable = driver.lock.newCondition();
        this.writable = driver.lock.newCondition();
        this.writeWakeThreshold = Math.max(1, sendBufferSize / 4);
        this.jfrTracer = JfrConnections.tracer(connection, localAddress);
        connection.setTracer(jfrTracer);
    }

    /**
     * Waits for the handshake to complete.
     *
     * @throws ConnectException       "Connection refused": the peer refused the call (RST) or
     *                                nobody listens there (ICMP port unreachable); "Connection
     *                                refused: the server's accept queue is full": it listens, but
     *                                its backlog is full (RST with QUEUE_FULL)
     * @throws SocketTimeoutException "Connect timed out": no answer within {@code timeoutNanos}
     *                                or the configured connect timeout; the call is abandoned
     */
    public void awaitConnected(long timeoutNanos) throws IOException {
        driver.lock.run(() -> {
            long remaining = timeoutNanos;
            while (connection.state() == ConnectionState.CALL_SENT) {
                if (remaining <= 0) {
                    abortLocked();
                    throw new SocketTimeoutException("Connect timed out");
                }
                remaining = await(writable, remaining);
            }
            if (!connection.isClosedByApplication() && connection.error() == ConnectionError.TIMED_OUT) {
                throw new SocketTimeoutException("Connect timed out");
            }
            IOException failed = unusable();
            if (failed != null) throw failed;
        });
    }

    /**
     * Reads at least one byte, blocking until some arrive. Bytes received before a reset are
     * still delivered; the reset is reported after them.
     *
     * @return the number of bytes read, or -1 at the end of the stream (the peer's FIN was
     *         reached, or input was shut down)
     * @throws SocketTimeoutException "Read timed out" after {@code timeoutNanos}; the connection
     *                                stays usable
     * @throws SocketException        "Socket closed", "Connection reset", "Connection timed out"
     */
    public int read(byte[] b, int off, int len, long timeoutNanos) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ByteBuffer dst = ByteBuffer.wrap(b, off, len);
        return driver.lock.call(() -> {
            long remaining = timeoutNanos;
            while (true) {
                if (connection.isClosedByApplication() || driver.failed()) throw unusable();
                if (inputShutdown) return -1;
                if (len == 0) return 0;
                int n = connection.read(dst);
                if (n > 0) {
                    // The read may have reopened the window: the update goes out now.
                    if (driver.hasPendingOutput()) driver.requestService();
                    return n;
                }
                if (n < 0) return -1;
                IOException failed = unusable();
                if (failed != null) throw failed;
                if (remaining <= 0) throw new SocketTimeoutException("Read timed out");
                remaining = await(readable, remaining);
            }
        });
    }

    /**
     * Copies all of {@code b[off, off + len)} into the send buffer, blocking while it is full.
     * Returning does not mean the peer has the bytes, only that the connection will deliver them.
     *
     * @throws SocketException "Socket closed", "Socket output is shutdown", "Connection reset",
     *                         "Connection timed out"
     */
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ByteBuffer src = ByteBuffer.wrap(b, off, len);
        driver.lock.run(() -> {
            while (src.hasRemaining()) {
                IOException failed = unusable();
                if (failed != null) throw failed;
                if (outputShutdown) throw new SocketException("Socket output is shutdown");
                if (connection.write(src) > 0) {
                    driver.requestService();
                } else {
                    await(writable, FOREVER);
                }
            }
        });
    }

    /** Bytes that can be read without blocking. */
    public int available() {
        return driver.lock.call(() -> inputShutdown || connection.isClosedByApplication() ? 0 : connection.readableBytes());
    }

    /** Half-close: a FIN follows the data already written; reading goes on. Idempotent. */
    public void shutdownOutput() {
        driver.lock.run(() -> {
            outputShutdown = true;
            connection.shutdownOutput();
            driver.requestService();
            writable.signalAll();
        });
    }

    /**
     * Reads return end of stream from now on. As with Linux TCP, data the peer sends later is
     * still acknowledged and buffered (unread), so a peer that keeps sending fills the window,
     * and closing with such data unread resets the connection.
     */
    public void shutdownInput() {
        driver.lock.run(() -> {
            inputShutdown = true;
            readable.signalAll();
        });
    }

    /**
     * Graceful close: returns at once; the endpoint goes on delivering what was written, then
     * exchanges FINs. As TCP does (RFC 9293 3.10.4), closing with received data unread resets
     * the connection instead. Blocked readers and writers get "Socket closed".
     */
    public void close() {
        driver.lock.run(() -> {
            connection.close();
            wakeAllLocked();
        });
    }

    /** Abortive close (linger 0): the peer gets RST, unsent and unread data is dropped. */
    public void abort() {
        driver.lock.run(this::abortLocked);
    }

    /**
     * Waits until the peer has acknowledged everything written and the FIN (after
     * {@link #close} or {@link #shutdownOutput}), for a lingering close.
     *
     * @return whether the output drained within the timeout (false also if the connection failed)
     */
    public boolean awaitOutputDrained(long timeoutNanos) throws IOException {
        return driver.lock.call(() -> {
            long remaining = timeoutNanos;
            while (!connection.isOutputDrained()) {
                if (remaining <= 0 || connection.error() != null || driver.failed()) return false;
                remaining = await(writable, remaining);
            }
            return true;
        });
    }

    /**
     * Traces this connection's events from now on (null stops). The tracer runs on the endpoint's
     * loop thread, under its lock: it must be quick and must not call back into the socket.
     */
    public void setTracer(ConnectionTracer tracer) {
        driver.lock.run(() -> connection.setTracer(tracer == null ? jfrTracer : new TracerPair(jfrTracer, tracer)));
    }

    public ConnectionStats stats() {
        return driver.lock.call(connection::stats);
    }

    public ConnectionState state() {
        return driver.lock.call(connection::state);
    }

    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /** This side's connection id. */
    int localId() {
        return connection.localId();
    }

    /** The local address the peer sees: the endpoint's port and the address the kernel sends from to that peer. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The driver that runs this connection's endpoint. */
    public EndpointDriver driver() {
        return driver;
    }

    // ---------------------------------------------------------------- from the driver (under its lock)

    void onEvents(int events) {
        if ((events & (ConnectionEvents.CONNECTED | ConnectionEvents.CLOSED | ConnectionEvents.OUTPUT_DRAINED)) != 0) {
            wakeAllLocked();
            return;
        }
        if ((events & ConnectionEvents.READABLE) != 0) readable.signalAll();
        if ((events & ConnectionEvents.WRITABLE) != 0 && connection.writableBytes() >= writeWakeThreshold) {
            writable.signalAll();
        }
    }

    /** The application's tracer threw and the connection detached it: JFR tracing goes on alone. */
    void onTracerFailed() {
        connection.setTracer(jfrTracer);
    }

    /** The connection ended: the JFR tracer commits what it holds. */
    void onEnded() {
        jfrTracer.close();
    }

    /** Closed by the application, not failed, and its data or FIN not yet acknowledged; the caller holds the lock. */
    boolean isClosingWithOutputPending() {
        return connection.isClosedByApplication() && connection.error() == null && !connection.isOutputDrained();
    }


    // ---------------------------------------------------------------- private

    /** Aborts the connection (RST) and wakes its waiters; the caller holds the lock (also the loop, once it failed). */
    void abortLocked() {
        connection.abort();
        wakeAllLocked();
    }

    private void wakeAllLocked() {
        driver.requestService();
        readable.signalAll();
        writable.signalAll();
    }

    /** Why this connection can no longer read or write, or null if it can. */
    private IOException unusable() {
        SocketException loopFailure = driver.failureException();
        if (loopFailure != null) return loopFailure;
        if (connection.isClosedByApplication()) return new SocketException("Socket closed");
        ConnectionError error = connection.error();
        if (error == null) return null;
        return switch (error) {
            case REFUSED -> new ConnectException("Connection refused");
            case AT_CONNECTION_LIMIT -> new ConnectException("Connection refused: the server has reached its connection limit");
            case QUEUE_FULL -> new ConnectException("Connection refused: the server's accept queue is full");
            case NOT_AUTHENTICATED -> new ConnectException("Connection refused: the server did not authenticate");
            case RESET -> new SocketException("Connection reset");
            case TIMED_OUT -> new SocketException("Connection timed out");
            case ABORTED -> new SocketException("Connection aborted");
        };
    }

    /** Waits on {@code condition}; an interrupt closes the connection, as for a JDK socket on a virtual thread. */
    private long await(Condition condition, long nanos) throws SocketException {
        try {
            return Waiting.await(condition, nanos);
        } catch (InterruptedException e) {
            connection.close();
            wakeAllLocked();
            throw Waiting.closedByInterrupt();
        }
    }

    @Override
    public String toString() {
        return "BlockingConnection[" + connection + "]";
    }
}
