package net.rudp.io;

import java.io.IOException;
import net.rudp.io.batch.BatchedUdpSocket;

/**
 * The thread that runs one endpoint: it sleeps in its {@link BatchedUdpSocket} until the
 * endpoint's next deadline, a datagram or a wake-up request, then does that wake-up's work in
 * one critical section of the endpoint lock.
 *
 * <p>A platform daemon thread: it spends its life in {@code epoll_wait}, where a virtual thread
 * would pin its carrier anyway, and it must not keep the JVM alive. Time is
 * {@link System#nanoTime()}, shifted so that it starts near 0 ({@link #now()}). The fast path
 * sleeps to the nanosecond ({@code ppoll}); the plain path's selector to the millisecond, rounded
 * up.
 *
 * <p><b>Wake-ups.</b> An application thread that changed a connection (wrote, read and so
 * reopened the window, closed) calls {@link #requestWakeUp()} under the lock, or, if the loop
 * sleeps, does the output itself ({@link #serveWhileAsleep}) and tells the endpoint's new
 * deadline ({@link #served}). Either costs a {@link BatchedUdpSocket#wakeup()} only if the loop
 * sleeps (or is about to) and must wake sooner than it would: a loop that is awake does the work
 * before it sleeps again, since it reads every connection's state inside the same critical
 * section.
 */
final class EventLoop {

    /** What the loop runs; every call is made on the loop thread, holding the endpoint lock. */
    interface Work {
        /**
         * One wake-up's work: receive, run timers, send, hand out events.
         *
         * @return when to wake up next ({@link Long#MAX_VALUE}: only for a datagram or a
         *         request), or {@link #RETIRE} to end the loop
         */
        long wakeUp() throws IOException;

        /** The loop failed with {@code failure}; it ends after this. */
        void failed(Throwable failure);
    }

    /** What {@link Work#wakeUp()} returns to end the loop. */
    static final long RETIRE = Long.MIN_VALUE;
    /**
     * The shortest sleep until a deadline that is not due yet. A pacer deadline is often a
     * packet's worth of time away (tens of microseconds on a fast link, 200 on a 50 Mbit/s one);
     * waking for each would cost a wake-up per packet. Sleeping at least this long lets the pacer's
     * bucket (which holds 1 ms of data) fill a little, so a wake-up sends a burst, and timers of
     * several connections come due together. Other timers fire up to this much late, as a
     * selector's millisecond resolution made them before.
     */
    static final long MIN_TIMED_SLEEP_NANOS = 500_000;
    /** The core treats time as non-negative (it uses -1 and Long.MIN_VALUE as "never"). */
    private static final long CLOCK_ORIGIN = System.nanoTime();
    /** {@link #wakesAt} while the loop is awake or already asked to wake up (also once retired: nobody wakes a closed socket). */
    private static final long AWAKE = RETIRE;

    private final EndpointLock lock;
    private final Work work;
    private final BatchedUdpSocket socket;
    private final Thread thread;
    /** When the sleep ends at the latest, or {@link #AWAKE}; guarded by the lock. */
    private long wakesAt = AWAKE;
    /** An application thread does the output of the sleeping loop ({@link #serveWhileAsleep}); guarded by the lock. */
    private boolean serving;
    /** {@link #requestWakeUp} was called while {@link #serving}; guarded by the lock. */
    private boolean requestedWhileServing;
    /** What the last wake-up returned; the loop thread only. */
    private long nextWakeUp;
    /** When the last wake-up began; the loop thread only. */
    private long wokeAt;
    /** {@link #wakeUp()} as a section, made once: the loop allocates nothing per wake-up. */
    private final EndpointLock.VoidSection<IOException> wakeUp = this::wakeUp;

    /** @param socket what the loop sleeps in: a datagram, an error or {@link BatchedUdpSocket#wakeup()} ends its sleep */
    EventLoop(String name, EndpointLock lock, BatchedUdpSocket socket, Work work) {
        this.lock = lock;
        this.work = work;
        this.socket = socket;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** The loop's clock: nanoseconds, non-negative. */
    static long now() {
        return System.nanoTime() - CLOCK_ORIGIN;
    }

    void start() {
        thread.start();
    }

    /** Asks the loop to do a wake-up's work soon; the caller holds the lock. */
    void requestWakeUp() {
        if (serving) {
            requestedWhileServing = true;
        } else if (wakesAt != AWAKE) {
            wakesAt = AWAKE;
            socket.wakeup();
        }
    }

    /** Whether the loop sleeps (or is about to) and no thread serves it; the caller holds the lock. */
    boolean isAsleep() {
        return wakesAt != AWAKE && !serving;
    }

    /**
     * If the loop sleeps (or is about to, having left its critical section), the caller does its
     * output now and returns true; it must end with {@link #served}. The caller holds the lock.
     */
    boolean serveWhileAsleep() {
        if (!isAsleep()) return false;
        serving = true;
        requestedWhileServing = false;
        return true;
    }

    /**
     * Ends {@link #serveWhileAsleep}: the loop wakes if it must by {@code deadline} (earlier than it
     * would), or if a wake-up was requested meanwhile. The caller holds the lock.
     */
    void served(long deadline) {
        serving = false;
        if (requestedWhileServing || deadline < wakesAt) requestWakeUp();
    }

    private void run() {
        try {
            while (true) {
                lock.run(wakeUp);
                if (nextWakeUp == RETIRE) return;
                sleepUntil(nextWakeUp);
            }
        } catch (Throwable t) {
            lock.run(() -> work.failed(t));
        }
    }

    /** The one critical section of a wake-up. */
    private void wakeUp() throws IOException {
        wakesAt = AWAKE;
        wokeAt = now();
        nextWakeUp = work.wakeUp();
        wakesAt = nextWakeUp;
    }

    /**
     * Sleeps until {@code deadline}, but at least until {@link #MIN_TIMED_SLEEP_NANOS} after the
     * wake-up began: a deadline that fell due during the wake-up's own work (a pacer's next packet
     * a few microseconds on) waits for a burst's worth, instead of a wake-up per packet. Only a
     * deadline that was already due when the wake-up began, work it left undone, is run at once.
     */
    private void sleepUntil(long deadline) throws IOException {
        if (deadline == Long.MAX_VALUE) {
            socket.awaitReadable(Long.MAX_VALUE);
            return;
        }
        long until = deadline <= wokeAt ? deadline : Math.max(deadline, wokeAt + MIN_TIMED_SLEEP_NANOS);
        socket.awaitReadable(Math.max(0, until - now()));
    }
}
