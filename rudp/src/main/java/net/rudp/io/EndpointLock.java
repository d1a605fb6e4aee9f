package net.rudp.io;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one lock that guards an endpoint and all its connections (the core is single-threaded),
 * held for exactly the length of a block of code.
 *
 * <p>{@code lock.call(() -> connection.state())} replaces the lock/try/finally/unlock that every
 * caller would otherwise repeat. The block may throw a checked exception, which passes through
 * unchanged. A {@link ReentrantLock} (not {@code synchronized}) because application threads wait
 * on its {@link Condition}s, which suits virtual threads.
 */
final class EndpointLock {

    /** A block run under the lock that returns a value. */
    @FunctionalInterface
    interface Section<T, X extends Exception> {
        T run() throws X;
    }

    /** A block run under the lock that returns nothing. */
    @FunctionalInterface
    interface VoidSection<X extends Exception> {
        void run() throws X;
    }

    private final ReentrantLock lock = new ReentrantLock();

    /** Runs {@code section} holding the lock and returns what it returns. */
    <T, X extends Exception> T call(Section<T, X> section) throws X {
        lock.lock();
        try {
            return section.run();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code section} holding the lock. */
    <X extends Exception> void run(VoidSection<X> section) throws X {
        lock.lock();
        try {
            section.run();
        } finally {
            lock.unlock();
        }
    }

    /** A condition of this lock, for a thread that waits until the loop changes something. */
    Condition newCondition() {
        return lock.newCondition();
    }

    boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }
}
