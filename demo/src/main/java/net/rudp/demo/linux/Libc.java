package net.rudp.demo.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few Linux C library calls the demo needs (TUN devices, precise CPU time, a netlink socket
 * for TCP_INFO), through the Foreign Function &amp; Memory API, each capturing {@code errno}. One instance per thread: it
 * owns the memory errno is captured into. Needs {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class Libc implements AutoCloseable {
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final short POLLIN = 1;
    public static final int EAGAIN = 11;
    public static final int EINTR = 4;
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
        CALL_STATE.varHandle(PathElement.groupElement("errno")).withInvokeExactBehavior();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    // open(2) is variadic, but without O_CREAT the mode argument is never read, so it is left out.
    private static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle IOCTL = downcall("ioctl",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle SEND = downcall("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle RECV = downcall("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle CLOCK_GETTIME = downcall("clock_gettime", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle PRCTL = downcall("prctl",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1));
    private static final int PR_SET_TIMERSLACK = 29;
    private static final MethodHandle STRERROR = downcall("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment callState = arena.allocate(CALL_STATE);
    private final MemorySegment pollFd = arena.allocate(8); // struct pollfd { int fd; short events; short revents; }
    private final MemorySegment timespec = arena.allocate(16); // struct timespec { long tv_sec; long tv_nsec; }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
            .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name + "()"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** errno after the last call that failed. */
    public int errno() {
        return (int) ERRNO.get(callState, 0L);
    }

    public int open(String path, int flags) {
        try {
            return (int) OPEN.invokeExact(callState, arena.allocateFrom(path), flags);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public int ioctl(int fd, long request, MemorySegment argument) {
        try {
            return (int) IOCTL.invokeExact(callState, fd, request, argument);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public long read(int fd, MemorySegment buffer) {
        try {
            return (long) READ.invokeExact(callState, fd, buffer, buffer.byteSize());
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public long write(int fd, MemorySegment buffer, long count) {
        try {
            return (long) WRITE.invokeExact(callState, fd, buffer, count);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Waits up to {@code timeoutMillis} for {@code fd} to be readable: 1 if it is, 0 on timeout, -1 on error. */
    public int pollIn(int fd, int timeoutMillis) {
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 4, POLLIN);
        pollFd.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 6, (short) 0);
        try {
            return (int) POLL.invokeExact(callState, pollFd, 1L, timeoutMillis);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public int socket(int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(callState, domain, type, protocol);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** send(2) of the whole {@code message}; returns the bytes sent or -1. */
    public long send(int fd, MemorySegment message) {
        try {
            return (long) SEND.invokeExact(callState, fd, message, message.byteSize(), 0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** recv(2) into {@code buffer}; returns the bytes received or -1. */
    public long recv(int fd, MemorySegment buffer) {
        try {
            return (long) RECV.invokeExact(callState, fd, buffer, buffer.byteSize(), 0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(callState, fd);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** CPU time of the whole process (all threads, user and system), to the nanosecond. */
    public long processCpuNanos() {
        try {
            int rc = (int) CLOCK_GETTIME.invokeExact(CLOCK_PROCESS_CPUTIME_ID, timespec);
            if (rc != 0) {
                throw new IllegalStateException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
            }
            return timespec.get(JAVA_LONG, 0) * 1_000_000_000L + timespec.get(JAVA_LONG, 8);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * Sets the calling thread's timer slack: how much later than asked the kernel may end its
     * sleeps, to batch wake-ups (50 us by default). Returns false if the kernel refused.
     */
    public boolean setTimerSlackNanos(long nanos) {
        try {
            return (int) PRCTL.invokeExact(callState, PR_SET_TIMERSLACK, nanos) == 0;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The C library's text for an errno value, e.g. "Operation not permitted". */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
