package net.rudp.io.batch;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls in progress on a native resource (a file descriptor, native memory), so that
 * it is released exactly once, by whichever call leaves last after it was closed: a descriptor
 * closed under a thread still in {@code poll} could be reused by another open meanwhile, and
 * native memory freed under a system call would be written after it was freed.
 */
final class UseCount {
    private static final int CLOSED = 1 << 30;
    private final AtomicInteger state = new AtomicInteger();
    private final Runnable release;

    /** {@code release} runs once, on the thread of the last {@link #exit} after {@link #markClosed}. */
    UseCount(Runnable release) {
        this.release = release;
    }

    /** Starts a use; false if the resource is closed (the use must not happen). */
    boolean enter() {
        while (true) {
            int s = state.get();
            if ((s & CLOSED) != 0) return false;
            if (state.compareAndSet(s, s + 1)) return true;
        }
    }

    /** Ends a use begun by a successful {@link #enter}; releases the resource if it was the last after close. */
    void exit() {
        if (state.decrementAndGet() == CLOSED) release.run();
    }

    /**
     * Marks the resource closed, from inside a use (so the release waits for that use's
     * {@link #exit}); true the first time only.
     */
    boolean markClosed() {
        while (true) {
            int s = state.get();
            if ((s & CLOSED) != 0) return false;
            if (state.compareAndSet(s, s | CLOSED)) return true;
        }
    }

    boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }
}
