package net.rudp.io;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * The thread that runs one endpoint: it sleeps in a {@link Selector} until the endpoint's next
 * deadline, a datagram or a wake-up request, then does that wake-up's work in one critical
 * section of the endpoint lock.
 *
 * <p>A platform daemon thread: it spends its life in {@code epoll_wait}, where a virtual thread
 * would pin its carrier anyway, and it must not keep the JVM alive. Time is
 * {@link System#nanoTime()}, shifted so that it starts near 0 ({@link #now()}).
 *
 * <p><b>Wake-ups.</b> An application thread that changed a connection (wrote, read and so
 * reopened the window, closed) calls {@link #requestWakeUp()} under the lock. It costs a
 * {@link Selector#wakeup()} only if the loop sleeps or is about to: a loop that is awake does the
 * work before it sleeps again, since it reads every connection's state inside the same critical
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
    /** The core treats time as non-negative (it uses -1 and Long.MIN_VALUE as "never"). */
    private static final long CLOCK_ORIGIN = System.nanoTime();
    /** {@link #wakesAt} while the loop is awake or already asked to wake up (also once retired: nobody wakes a closed selector). */
    private static final long AWAKE = RETIRE;

    private final EndpointLock lock;
    private final Work work;
    private final Selector selector;
    private final Thread thread;
    /** When select returns at the latest, or {@link #AWAKE}; guarded by the lock. */
    private long wakesAt = AWAKE;
    /** What the last wake-up returned; the loop thread only. */
    private long nextWakeUp;
    /** {@link #wakeUp()} as a section, made once: the loop allocates nothing per wake-up. */
    private final EndpointLock.VoidSection<IOException> wakeUp = this::wakeUp;
    /** {@link #onSelected} as the selector's action, made once. */
    private final Consumer<SelectionKey> onSelected = EventLoop::onSelected;

    EventLoop(String name, EndpointLock lock, Work work) throws IOException {
        this.lock = lock;
        this.work = work;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** The loop's clock: nanoseconds, non-negative. */
    static long now() {
        return System.nanoTime() - CLOCK_ORIGIN;
    }

    /** Makes a datagram (or an error) arriving on {@code channel} wake the loop. */
    void watch(DatagramChannel channel) throws IOException {
        channel.register(selector, SelectionKey.OP_READ);
    }

    /**
     * As {@link #watch(DatagramChannel)}, and runs {@code onReady} on the loop thread, before the
     * wake-up's critical section, whenever {@code channel} has something to read: for channels
     * that are read only when the kernel says so. Any thread may call this, under the lock.
     */
    void watch(DatagramChannel channel, Runnable onReady) throws IOException {
        channel.register(selector, SelectionKey.OP_READ, onReady);
    }

    void start() {
        thread.start();
    }

    /** Asks the loop to do a wake-up's work soon; the caller holds the lock. */
    void requestWakeUp() {
        if (wakesAt != AWAKE) {
            wakesAt = AWAKE;
            selector.wakeup();
        }
    }

    /**
     * Closes the selector, so that the channels it watched can release their ports; from
     * {@link Work} only (the loop thread), before it returns {@link #RETIRE}.
     */
    void close() throws IOException {
        selector.close();
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
        nextWakeUp = work.wakeUp();
        wakesAt = nextWakeUp;
    }

    private void sleepUntil(long deadline) throws IOException {
        if (deadline == Long.MAX_VALUE) {
            selector.select(onSelected);
        } else {
            long wait = deadline - now();
            // Selector timeouts are in milliseconds: round up, so we never spin before a deadline.
            // A pacing deadline a few microseconds away thus costs up to 1 ms; the pacer allows
            // a burst of about that much, so the rate holds.
            if (wait <= 0) selector.selectNow(onSelected);
            else selector.select(onSelected, Math.ceilDiv(wait, 1_000_000L));
        }
    }

    /** A ready channel: runs its readiness action, if it has one (the endpoint's own channel has none: it is read on every wake-up). */
    private static void onSelected(SelectionKey key) {
        if (key.attachment() instanceof Runnable onReady) onReady.run();
    }
}
