package net.rudp.io.batch;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Waits for one socket to become readable, with a deadline to the nanosecond, and can be woken
 * from any thread: {@code ppoll(2)} on the socket and an {@code eventfd(2)} that
 * {@link #wake()} writes to, as {@link java.nio.channels.Selector} does with its own pipe.
 *
 * <p>Why not a Selector: the fast path owns its socket, which no {@code SelectableChannel}
 * wraps; and ppoll's timeout is in nanoseconds where a Selector's is in milliseconds, so a
 * pacing deadline 50 us away costs 50 us (plus the kernel's timer slack), not a rounded-up 1 ms.
 * One socket per poller suits the loops here (one socket each); several would need epoll.
 */
final class Poller {
    // struct pollfd { int fd; short events; short revents; }   <poll.h>
    private static final long POLLFD_SIZE = 8;
    private static final long POLL_FD = 0;
    private static final long POLL_EVENTS = 4;
    private static final long POLL_REVENTS = 6;
    // struct timespec { time_t tv_sec; long tv_nsec; }
    private static final long TV_SEC = 0;
    private static final long TV_NSEC = 8;

    private final LinuxCalls calls;
    private final int eventFd;
    private final MemorySegment pollFds;
    private final MemorySegment timeout;
    /** A u64 of 1: what a wake-up adds to the eventfd. Written by any thread: the kernel only reads it. */
    private final MemorySegment one;
    private final MemorySegment drained;
    /** Whether a wake-up is written and not yet drained: repeated wake-ups cost one write. */
    private final AtomicBoolean wakePending = new AtomicBoolean();

    Poller(LinuxCalls calls, Arena arena, int socketFd) throws IOException {
        this.calls = calls;
        this.eventFd = calls.eventfd(0, LinuxAbi.EFD_NONBLOCK | LinuxAbi.EFD_CLOEXEC);
        if (eventFd < 0) throw new SocketException("eventfd: " + LinuxCalls.describe(calls.errno()));
        pollFds = arena.allocate(2 * POLLFD_SIZE, 8);
        timeout = arena.allocate(16, 8);
        one = arena.allocate(JAVA_LONG);
        one.set(JAVA_LONG, 0, 1L);
        drained = arena.allocate(JAVA_LONG);
        pollFds.set(JAVA_INT, POLL_FD, socketFd);
        pollFds.set(JAVA_SHORT, POLL_EVENTS, LinuxAbi.POLLIN);
        pollFds.set(JAVA_INT, POLLFD_SIZE + POLL_FD, eventFd);
        pollFds.set(JAVA_SHORT, POLLFD_SIZE + POLL_EVENTS, LinuxAbi.POLLIN);
    }

    /**
     * Waits as {@link BatchedUdpSocket#awaitReadable} says; returns the socket's poll events
     * ({@link LinuxAbi#POLLIN}, {@link LinuxAbi#POLLERR}: an error is queued), 0 if it woke for
     * another reason.
     */
    int await(long timeoutNanos) throws IOException {
        MemorySegment wait = MemorySegment.NULL;
        if (timeoutNanos != Long.MAX_VALUE) {
            long nanos = Math.max(0, timeoutNanos);
            timeout.set(JAVA_LONG, TV_SEC, nanos / 1_000_000_000L);
            timeout.set(JAVA_LONG, TV_NSEC, nanos % 1_000_000_000L);
            wait = timeout;
        }
        pollFds.set(JAVA_SHORT, POLL_REVENTS, (short) 0);
        pollFds.set(JAVA_SHORT, POLLFD_SIZE + POLL_REVENTS, (short) 0);
        if (calls.ppoll(pollFds, 2, wait) < 0) {
            int errno = calls.errno();
            if (errno == LinuxAbi.EINTR) return 0; // a signal: the caller loops, as after any early return
            throw new SocketException("ppoll: " + LinuxCalls.describe(errno));
        }
        if (pollFds.get(JAVA_SHORT, POLLFD_SIZE + POLL_REVENTS) != 0) drain();
        return pollFds.get(JAVA_SHORT, POLL_REVENTS) & (LinuxAbi.POLLIN | LinuxAbi.POLLERR);
    }

    /** Clears the flag before reading, so a wake-up after the read writes again and is not lost. */
    private void drain() {
        wakePending.set(false);
        calls.read(eventFd, drained, 8);
    }

    /** Makes the current or next {@link #await} return; any thread, while the poller is open. */
    void wake() {
        if (wakePending.compareAndSet(false, true)) LinuxCalls.wake(eventFd, one);
    }

    /** Closes the eventfd; only once nothing can wait or wake any more. */
    void release() {
        LinuxCalls.closeQuietly(eventFd);
    }
}
