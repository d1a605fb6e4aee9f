package net.rudp.io;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Holds JVM exit, for at most {@link #LIMIT_NANOS}, while closed connections still deliver their
 * last data and FIN.
 *
 * <p>A kernel keeps a TCP socket's send queue after its process exits; a user-space stack dies
 * with its process, so without this a program that writes, closes and exits could take its FIN
 * along and leave the peer waiting for its idle timeout (spec/PROTOCOL.md section 17, close()).
 */
final class ExitLinger {

    /** How long JVM exit waits at the most. */
    static final long LIMIT_NANOS = 2_000_000_000L;
    /** How often the shutdown hook looks again. */
    private static final long POLL_NANOS = 10_000_000L;

    private ExitLinger() {}

    /** Installs the shutdown hook that lingers while {@code delivering} says so. */
    static void install(BooleanSupplier delivering) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> linger(delivering, LIMIT_NANOS), "rudp-exit-linger"));
    }

    /**
     * Waits until {@code delivering} is false, or {@code limitNanos} passed.
     *
     * @return whether everything was delivered (false: the limit came first)
     */
    static boolean linger(BooleanSupplier delivering, long limitNanos) {
        long deadline = System.nanoTime() + limitNanos;
        while (delivering.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) return false;
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
