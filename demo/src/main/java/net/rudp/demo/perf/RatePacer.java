package net.rudp.demo.perf;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a sender to a target rate, as iperf3's {@code -b} does in the application: before each
 * write it waits until the bytes already sent are due at that rate. The transport below still
 * paces (or bursts) the packets of each write as it would.
 */
final class RatePacer {
    private final long bitsPerSecond;
    private final long start;

    /** Paces from {@code startNanos} at {@code bitsPerSecond}; 0: no pacing. */
    RatePacer(long bitsPerSecond, long startNanos) {
        this.bitsPerSecond = bitsPerSecond;
        this.start = startNanos;
    }

    /**
     * Waits until {@code sentSoFar} bytes are due (not at all without a rate); false, after waiting
     * until {@code notAfterNanos}, if they are due only later than that (the test is over by then).
     */
    boolean awaitTurn(long sentSoFar, long notAfterNanos) {
        if (bitsPerSecond == 0) {
            return true;
        }
        long due = start + dueAfterNanos(sentSoFar, bitsPerSecond);
        long until = Math.min(due, notAfterNanos);
        for (long wait = until - System.nanoTime(); wait > 0; wait = until - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        return due <= notAfterNanos;
    }

    /** When {@code bytes} are due at {@code bitsPerSecond}, counted from the start. */
    static long dueAfterNanos(long bytes, long bitsPerSecond) {
        return (long) (bytes * 8e9 / bitsPerSecond);
    }
}
