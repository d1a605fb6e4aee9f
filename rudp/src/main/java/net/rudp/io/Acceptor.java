package net.rudp.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.locks.Condition;

/**
 * One {@code listen()} on an endpoint: hands out the connections whose handshake completed.
 * Closing it stops listening (calls not yet accepted are reset) but leaves accepted connections
 * alone; the endpoint and its port stay until the last of them ends.
 */
public final class Acceptor {

    private final EndpointDriver driver;
    private final Condition acceptable;
    private boolean closed; // guarded by the driver's lock

    Acceptor(EndpointDriver driver, Condition acceptable) {
        this.driver = driver;
        this.acceptable = acceptable;
    }

    /**
     * The next established connection, waiting up to {@code timeoutNanos}
     * ({@link BlockingConnection#FOREVER}: no limit).
     *
     * @throws SocketTimeoutException "Accept timed out"
     * @throws SocketException        "Socket closed" once this acceptor is closed (also for a
     *                                thread waiting here when another closes it)
     */
    public BlockingConnection accept(long timeoutNanos) throws IOException {
        return driver.lock.call(() -> {
            long remaining = timeoutNanos;
            while (true) {
                if (closed) throw new SocketException("Socket closed");
                SocketException failure = driver.failureException();
                if (failure != null) throw failure;
                BlockingConnection c = driver.pollAccepted();
                if (c != null) return c;
                if (remaining <= 0) throw new SocketTimeoutException("Accept timed out");
                try {
                    remaining = Waiting.await(acceptable, remaining);
                } catch (InterruptedException e) {
                    closeLocked();
                    throw Waiting.closedByInterrupt();
                }
            }
        });
    }

    /** Stops listening. Idempotent. */
    public void close() {
        driver.lock.run(this::closeLocked);
    }

    public InetSocketAddress localAddress() {
        return driver.localAddress();
    }

    /** The driver that runs the listening endpoint. */
    public EndpointDriver driver() {
        return driver;
    }

    /** A connection is ready to accept, or the endpoint failed: waiters look again. */
    void wakeWaiters() {
        acceptable.signalAll();
    }

    private void closeLocked() {
        if (closed) return;
        closed = true;
        driver.stopListening(this);
        acceptable.signalAll();
    }
}
