package net.rudp.io.batch;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An array of {@code struct mmsghdr} in native memory, each message with its own one-entry
 * {@code iovec}, address slot and control-message slot, wired together once; the field offsets
 * of the structs (LP64 Linux, checked with {@code offsetof} on x86-64) are named here and nowhere
 * else. The payload pointers are set per message: they point into a batch's buffer.
 */
final class MessageVector {
    // struct msghdr { void *msg_name; socklen_t msg_namelen; struct iovec *msg_iov; size_t msg_iovlen;
    //                 void *msg_control; size_t msg_controllen; int msg_flags; }   <sys/socket.h>
    private static final long MSG_NAME = 0;
    private static final long MSG_NAMELEN = 8;
    private static final long MSG_IOV = 16;
    private static final long MSG_IOVLEN = 24;
    private static final long MSG_CONTROL = 32;
    private static final long MSG_CONTROLLEN = 40;
    private static final long MSG_FLAGS = 48;
    // struct mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; }: 56 + 4, padded to 64
    private static final long MSG_LEN = 56;
    private static final long MMSGHDR_SIZE = 64;
    // struct iovec { void *iov_base; size_t iov_len; }
    private static final long IOV_BASE = 0;
    private static final long IOV_LEN = 8;
    private static final long IOVEC_SIZE = 16;
    // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; }, data after it; CMSG_ALIGN is 8
    private static final long CMSG_LEN = 0;
    private static final long CMSG_LEVEL = 8;
    private static final long CMSG_TYPE = 12;
    private static final long CMSG_HEADER = 16;

    private final MemorySegment headers;
    private final MemorySegment iovecs;
    private final MemorySegment names;
    private final MemorySegment controls;
    private final int count;
    private final int nameSize;
    private final long controlSpace;

    /** {@code count} messages, each with a {@code nameSize}-byte address slot and {@code controlSpace} bytes for control messages. */
    MessageVector(Arena arena, int count, int nameSize, long controlSpace) {
        this.count = count;
        this.nameSize = nameSize;
        this.controlSpace = controlSpace;
        headers = arena.allocate(count * MMSGHDR_SIZE, 8);
        iovecs = arena.allocate(count * IOVEC_SIZE, 8);
        names = arena.allocate((long) count * nameSize, 8);
        controls = arena.allocate(Math.max(1, count * controlSpace), 8);
        for (int i = 0; i < count; i++) {
            long h = i * MMSGHDR_SIZE;
            headers.set(JAVA_LONG, h + MSG_NAME, names.address() + (long) i * nameSize);
            headers.set(JAVA_LONG, h + MSG_IOV, iovecs.address() + i * IOVEC_SIZE);
            headers.set(JAVA_LONG, h + MSG_IOVLEN, 1);
            headers.set(JAVA_LONG, h + MSG_CONTROL, controlSpace == 0 ? 0 : controls.address() + i * controlSpace);
        }
    }

    /** CMSG_SPACE(dataLength): a control message's header and data, aligned. */
    static long controlSpace(long dataLength) {
        return CMSG_HEADER + ((dataLength + 7) & ~7L);
    }

    int count() {
        return count;
    }

    /** The messages from {@code first} on, as sendmmsg/recvmmsg take them. */
    MemorySegment from(int first) {
        return first == 0 ? headers : headers.asSlice(first * MMSGHDR_SIZE);
    }

    /** Points message {@code i}'s iovec at {@code length} bytes at native {@code address}. */
    void setPayload(int i, long address, long length) {
        iovecs.set(JAVA_LONG, i * IOVEC_SIZE + IOV_BASE, address);
        iovecs.set(JAVA_LONG, i * IOVEC_SIZE + IOV_LEN, length);
    }

    /** Where message {@code i}'s address lies in {@link #names()}. */
    long nameOffset(int i) {
        return (long) i * nameSize;
    }

    MemorySegment names() {
        return names;
    }

    /** Sets message {@code i}'s msg_namelen: 0 sends without an address (a connected socket), a receive passes the slot's size. */
    void setNameLength(int i, int length) {
        headers.set(JAVA_INT, i * MMSGHDR_SIZE + MSG_NAMELEN, length);
        headers.set(JAVA_LONG, i * MMSGHDR_SIZE + MSG_NAME, length == 0 ? 0 : names.address() + nameOffset(i));
    }

    /** Sets message {@code i}'s msg_controllen: 0 for none, {@link #controlSpace()} for a receive. */
    void setControlLength(int i, long length) {
        headers.set(JAVA_LONG, i * MMSGHDR_SIZE + MSG_CONTROLLEN, length);
    }

    long controlSpace() {
        return controlSpace;
    }

    /** Writes the one control message of message {@code i}: {@code level}/{@code type} with a u16 (UDP_SEGMENT's size). */
    void putShortControl(int i, int level, int type, short value) {
        long c = i * controlSpace;
        controls.set(JAVA_LONG, c + CMSG_LEN, CMSG_HEADER + Short.BYTES);
        controls.set(JAVA_INT, c + CMSG_LEVEL, level);
        controls.set(JAVA_INT, c + CMSG_TYPE, type);
        controls.set(JAVA_SHORT_UNALIGNED, c + CMSG_HEADER, value);
        setControlLength(i, controlSpace(Short.BYTES));
    }

    /** msg_len: the bytes sent or received for message {@code i}. */
    int messageLength(int i) {
        return headers.get(JAVA_INT, i * MMSGHDR_SIZE + MSG_LEN);
    }

    /** msg_flags the kernel returned for message {@code i} (MSG_TRUNC, MSG_CTRUNC). */
    int flags(int i) {
        return headers.get(JAVA_INT, i * MMSGHDR_SIZE + MSG_FLAGS);
    }

    /**
     * Where, in {@link #controls()}, the data of message {@code i}'s control message
     * {@code level}/{@code type} starts, or -1 if the kernel returned none.
     */
    long findControl(int i, int level, int type) {
        long start = i * controlSpace;
        long end = start + Math.min(controlSpace, headers.get(JAVA_LONG, i * MMSGHDR_SIZE + MSG_CONTROLLEN));
        for (long c = start; c + CMSG_HEADER <= end; ) {
            long length = controls.get(JAVA_LONG, c + CMSG_LEN);
            if (length < CMSG_HEADER || c + length > end) return -1;
            if (controls.get(JAVA_INT, c + CMSG_LEVEL) == level && controls.get(JAVA_INT, c + CMSG_TYPE) == type) {
                return c + CMSG_HEADER;
            }
            c += controlSpace(length - CMSG_HEADER);
        }
        return -1;
    }

    MemorySegment controls() {
        return controls;
    }
}
