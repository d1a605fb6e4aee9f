package net.rudp.io.batch;

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

/**
 * The C library's socket calls, as Foreign Function &amp; Memory downcalls that capture
 * {@code errno}; one instance per socket, owning the memory errno is captured into (so a socket
 * is used by one thread at a time, as {@link BatchedUdpSocket} says). The few calls other threads
 * make ({@link #wake}, {@link #closeQuietly}) do not capture errno and are static.
 *
 * <p>Making the downcall handles is a restricted operation: this class's initialization throws
 * {@link IllegalCallerException} when native access is denied, which the factory turns into the
 * plain path.
 */
@SuppressWarnings("restricted")
final class LinuxCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = CALL_STATE.byteOffset(PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CONNECT = downcall("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = downcall("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = downcall("getsockopt",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDMMSG = downcall("sendmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle RECVMMSG = downcall("recvmmsg",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle RECVMSG = downcall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle PPOLL = downcall("ppoll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
    private static final MethodHandle EVENTFD = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = LINKER.downcallHandle(symbol("write"), FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(symbol("close"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(symbol("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private final MemorySegment callState;

    /** Calls whose errno is captured into memory of {@code arena}. */
    LinuxCalls(Arena arena) {
        callState = arena.allocate(CALL_STATE);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
            .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name + "()"));
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, ERRNO);
    }

    /** errno as the last failed call on this instance left it. */
    int errno() {
        return callState.get(JAVA_INT, ERRNO_OFFSET);
    }

    int socket(int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(callState, domain, type, protocol);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    int bind(int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(callState, fd, address, length);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    int connect(int fd, MemorySegment address, int length) {
        try {
            return (int) CONNECT.invokeExact(callState, fd, address, length);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** getsockname(2): {@code lengthInOut} is a socklen_t holding the address buffer's size, then the address's. */
    int getsockname(int fd, MemorySegment address, MemorySegment lengthInOut) {
        try {
            return (int) GETSOCKNAME.invokeExact(callState, fd, address, lengthInOut);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    int setsockopt(int fd, int level, int option, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(callState, fd, level, option, value, length);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    int getsockopt(int fd, int level, int option, MemorySegment value, MemorySegment lengthInOut) {
        try {
            return (int) GETSOCKOPT.invokeExact(callState, fd, level, option, value, lengthInOut);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** sendmmsg(2): how many of the {@code count} messages at {@code messages} the kernel took, or -1. */
    int sendmmsg(int fd, MemorySegment messages, int count, int flags) {
        try {
            return (int) SENDMMSG.invokeExact(callState, fd, messages, count, flags);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** recvmmsg(2) without a timeout: how many messages arrived, or -1. */
    int recvmmsg(int fd, MemorySegment messages, int count, int flags) {
        try {
            return (int) RECVMMSG.invokeExact(callState, fd, messages, count, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    long recvmsg(int fd, MemorySegment message, int flags) {
        try {
            return (long) RECVMSG.invokeExact(callState, fd, message, flags);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** ppoll(2) with no signal mask; {@code timeout} is a struct timespec or NULL to wait without one. */
    int ppoll(MemorySegment pollFds, long count, MemorySegment timeout) {
        try {
            return (int) PPOLL.invokeExact(callState, pollFds, count, timeout, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    int eventfd(int initialValue, int flags) {
        try {
            return (int) EVENTFD.invokeExact(callState, initialValue, flags);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    long read(int fd, MemorySegment buffer, long count) {
        try {
            return (long) READ.invokeExact(callState, fd, buffer, count);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Adds {@code eightBytes} (a u64) to an eventfd's counter, from any thread; errors are ignored (the counter cannot overflow from wake-ups). */
    static void wake(int eventFd, MemorySegment eightBytes) {
        try {
            long ignored = (long) WRITE.invokeExact(eventFd, eightBytes, 8L);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** close(2) from any thread; Linux releases the descriptor even when close reports an error, so there is nothing to retry. */
    static void closeQuietly(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The C library's text for {@code errno}, e.g. "Address already in use". */
    static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0) + " (errno " + errno + ")";
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
