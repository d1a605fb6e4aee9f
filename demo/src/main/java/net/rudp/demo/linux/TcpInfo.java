package net.rudp.demo.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the Linux kernel knows about one of its TCP connections ({@code struct tcp_info}, the
 * numbers {@code ss -ti} prints), read the way {@code ss} reads it: a {@code NETLINK_SOCK_DIAG}
 * request for the sockets with the connection's ports, asking for {@code INET_DIAG_INFO} and
 * {@code INET_DIAG_CONG}. Java offers no {@code getsockopt(TCP_INFO)} on a {@code Socket}; this
 * needs no file descriptor and no privileges, only the connection's addresses, and must run in
 * the connection's network namespace.
 *
 * @param congestionControl     the connection's congestion controller, e.g. "cubic" or "bbr"
 * @param smoothedRttNanos      {@code tcpi_rtt}
 * @param minRttNanos           {@code tcpi_min_rtt}
 * @param congestionWindowBytes {@code tcpi_snd_cwnd} (in segments) times {@code tcpi_snd_mss}
 * @param bytesSent             {@code tcpi_bytes_sent}: payload bytes sent, retransmissions included
 * @param bytesRetransmitted    {@code tcpi_bytes_retrans}
 */
public record TcpInfo(String congestionControl, long smoothedRttNanos, long minRttNanos,
                      long congestionWindowBytes, long bytesSent, long bytesRetransmitted) {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final short SOCK_DIAG_BY_FAMILY = 20;
    private static final short NLM_F_REQUEST = 1;
    private static final short NLM_F_DUMP = 0x300;
    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;
    private static final int NLMSG_HEADER = 16;
    private static final int INET_DIAG_MSG = 72;
    private static final int INET_DIAG_INFO = 2;
    private static final int INET_DIAG_CONG = 4;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int IPPROTO_TCP = 6;
    /** Every TCP state: a connection being closed still has its counters. */
    private static final int ALL_STATES = 0xFFFF_FFFF;
    /** {@code struct tcp_info} up to and including {@code tcpi_bytes_retrans} (Linux 4.19). */
    private static final int TCP_INFO_NEEDED = 216;
    private static final ValueLayout.OfShort PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    /**
     * The kernel's numbers for the TCP connection from {@code local} to {@code remote}, or empty
     * if this kernel does not tell (not Linux, or older than 4.19) or has no such connection.
     */
    public static Optional<TcpInfo> of(InetSocketAddress local, InetSocketAddress remote) {
        if (!System.getProperty("os.name").equals("Linux")) {
            return Optional.empty();
        }
        try (Libc libc = new Libc(); Arena arena = Arena.ofConfined()) {
            int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
            if (fd < 0) {
                return Optional.empty();
            }
            try {
                Optional<TcpInfo> found = query(libc, arena, fd, AF_INET6, local, remote);
                // Java's sockets are IPv6 sockets (IPv4 as ::ffff:a.b.c.d) unless java.net.preferIPv4Stack is set.
                return found.isPresent() || !(local.getAddress() instanceof Inet4Address) ? found
                    : query(libc, arena, fd, AF_INET, local, remote);
            } finally {
                libc.close(fd);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The 16 bytes an {@code AF_INET6} socket shows for {@code address}: IPv4 as {@code ::ffff:a.b.c.d}. */
    private static byte[] addressBytes(int family, InetAddress address) {
        byte[] raw = address.getAddress();
        if (family == AF_INET || raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    private static Optional<TcpInfo> query(Libc libc, Arena arena, int fd, int family, InetSocketAddress local,
                                           InetSocketAddress remote) throws IOException {
        byte[] localAddress = addressBytes(family, local.getAddress());
        byte[] remoteAddress = addressBytes(family, remote.getAddress());
        // struct nlmsghdr, then struct inet_diag_req_v2 with its struct inet_diag_sockid.
        MemorySegment request = arena.allocate(NLMSG_HEADER + 56);
        request.set(U32, 0, (int) request.byteSize());
        request.set(ValueLayout.JAVA_SHORT_UNALIGNED, 4, SOCK_DIAG_BY_FAMILY);
        request.set(ValueLayout.JAVA_SHORT_UNALIGNED, 6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        request.set(ValueLayout.JAVA_BYTE, 16, (byte) family);
        request.set(ValueLayout.JAVA_BYTE, 17, (byte) IPPROTO_TCP);
        request.set(ValueLayout.JAVA_BYTE, 18, (byte) ((1 << (INET_DIAG_INFO - 1)) | (1 << (INET_DIAG_CONG - 1))));
        request.set(U32, 20, ALL_STATES);
        request.set(PORT, 24, (short) local.getPort());
        request.set(PORT, 26, (short) remote.getPort());
        if (libc.send(fd, request) != request.byteSize()) {
            throw new IOException("netlink send: " + Libc.strerror(libc.errno()));
        }
        MemorySegment buffer = arena.allocate(64 * 1024);
        Optional<TcpInfo> found = Optional.empty();
        while (true) {
            long n = libc.recv(fd, buffer);
            if (n <= 0) {
                throw new IOException("netlink recv: " + Libc.strerror(libc.errno()));
            }
            for (long at = 0; at + NLMSG_HEADER <= n; ) {
                int length = buffer.get(U32, at);
                int type = Short.toUnsignedInt(buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, at + 4));
                if (type == NLMSG_DONE || type == NLMSG_ERROR) {
                    return found;
                }
                MemorySegment message = buffer.asSlice(at + NLMSG_HEADER, length - NLMSG_HEADER);
                if (found.isEmpty() && matches(message, localAddress, local.getPort(), remoteAddress, remote.getPort())) {
                    found = parseAttributes(message.asSlice(INET_DIAG_MSG));
                }
                at += align(length);
            }
        }
    }

    /** Whether this {@code struct inet_diag_msg} is the connection between the two addresses. */
    private static boolean matches(MemorySegment message, byte[] local, int localPort, byte[] remote, int remotePort) {
        return Short.toUnsignedInt(message.get(PORT, 4)) == localPort
            && Short.toUnsignedInt(message.get(PORT, 6)) == remotePort
            && Arrays.equals(message.asSlice(8, local.length).toArray(ValueLayout.JAVA_BYTE), local)
            && Arrays.equals(message.asSlice(24, remote.length).toArray(ValueLayout.JAVA_BYTE), remote);
    }

    /** Reads the {@code INET_DIAG_INFO} and {@code INET_DIAG_CONG} attributes (struct rtattr each). */
    private static Optional<TcpInfo> parseAttributes(MemorySegment attributes) {
        MemorySegment info = null;
        String congestion = "unknown";
        for (long at = 0; at + 4 <= attributes.byteSize(); ) {
            int length = Short.toUnsignedInt(attributes.get(ValueLayout.JAVA_SHORT_UNALIGNED, at));
            int type = Short.toUnsignedInt(attributes.get(ValueLayout.JAVA_SHORT_UNALIGNED, at + 2));
            if (length < 4) {
                break;
            }
            MemorySegment value = attributes.asSlice(at + 4, length - 4);
            if (type == INET_DIAG_INFO) {
                info = value;
            } else if (type == INET_DIAG_CONG) {
                congestion = new String(value.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII).replace("\0", "");
            }
            at += align(length);
        }
        if (info == null || info.byteSize() < TCP_INFO_NEEDED) {
            return Optional.empty();
        }
        long mss = Integer.toUnsignedLong(info.get(U32, 16));
        return Optional.of(new TcpInfo(congestion,
            Integer.toUnsignedLong(info.get(U32, 68)) * 1000,
            Integer.toUnsignedLong(info.get(U32, 148)) * 1000,
            Integer.toUnsignedLong(info.get(U32, 80)) * mss,
            info.get(U64, 200),
            info.get(U64, 208)));
    }

    /** Netlink messages and attributes start at multiples of 4 bytes. */
    private static long align(long length) {
        return (length + 3) & ~3L;
    }
}
