package net.rudp.io;

import java.net.SocketException;
import java.util.concurrent.locks.Condition;

/** Condition waits with the io package's timeout convention ({@link BlockingConnection#FOREVER}). */
final class Waiting {
    private Waiting() {}

    /** Waits at most {@code nanos} (forever for {@link BlockingConnection#FOREVER}); returns the time left. */
    static long await(Condition condition, long nanos) throws InterruptedException {
        if (nanos == BlockingConnection.FOREVER) {
            condition.await();
            return nanos;
        }
        return condition.awaitNanos(nanos);
    }

    /** What a wait interrupted by {@link Thread#interrupt()} throws, the interrupt status kept set. */
    static SocketException closedByInterrupt() {
        Thread.currentThread().interrupt();
        return new SocketException("Closed by interrupt");
    }
}
