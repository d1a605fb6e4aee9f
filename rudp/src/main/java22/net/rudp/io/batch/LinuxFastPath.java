package net.rudp.io.batch;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;

/**
 * The fast path's entry, made once per JVM by {@link BatchedUdpSockets} (by name, as the Java 21
 * classes cannot refer to it): probes on a throw-away socket what the kernel offers, and opens
 * {@link LinuxUdpSocket}s using it.
 *
 * <ul>
 *   <li>GSO: {@code getsockopt(SOL_UDP, UDP_SEGMENT)} succeeds (Linux 4.18+);</li>
 *   <li>GRO: {@code setsockopt(SOL_UDP, UDP_GRO, 1)} succeeds (Linux 5.0+);</li>
 *   <li>sendmmsg/recvmmsg: {@code sendmmsg} of no messages returns 0 (Linux 3.0+; without them there is no fast path);</li>
 *   <li>the error queue: {@code setsockopt(IP_RECVERR, 1)} succeeds.</li>
 * </ul>
 */
final class LinuxFastPath implements FastPathProvider {
    private final int family;
    private final UdpOffloads offers;

    /** Probes the kernel; throws if it lacks what the fast path cannot do without. */
    LinuxFastPath() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            LinuxCalls calls = new LinuxCalls(arena);
            family = chooseFamily(calls);
            int fd = calls.socket(family, LinuxAbi.SOCK_DGRAM | LinuxAbi.SOCK_NONBLOCK | LinuxAbi.SOCK_CLOEXEC, 0);
            if (fd < 0) throw new IOException("socket: " + LinuxCalls.describe(calls.errno()));
            try {
                offers = probe(calls, arena, fd);
            } finally {
                LinuxCalls.closeQuietly(fd);
            }
        }
        if (!offers.multiMessage()) throw new UnsupportedOperationException("the kernel has no sendmmsg/recvmmsg");
    }

    /**
     * IPv6 dual-stack, as the JDK's channels, unless the JVM was told to prefer IPv4
     * ({@code java.net.preferIPv4Stack}) or the kernel has no IPv6.
     */
    private static int chooseFamily(LinuxCalls calls) {
        if (Boolean.getBoolean("java.net.preferIPv4Stack")) return LinuxAbi.AF_INET;
        int fd = calls.socket(LinuxAbi.AF_INET6, LinuxAbi.SOCK_DGRAM | LinuxAbi.SOCK_CLOEXEC, 0);
        if (fd < 0) return LinuxAbi.AF_INET;
        LinuxCalls.closeQuietly(fd);
        return LinuxAbi.AF_INET6;
    }

    private static UdpOffloads probe(LinuxCalls calls, Arena arena, int fd) {
        MemorySegment value = arena.allocate(JAVA_INT);
        MemorySegment length = arena.allocate(JAVA_INT);
        length.set(JAVA_INT, 0, Integer.BYTES);
        boolean gso = calls.getsockopt(fd, LinuxAbi.SOL_UDP, LinuxAbi.UDP_SEGMENT, value, length) == 0;
        value.set(JAVA_INT, 0, 1);
        boolean gro = calls.setsockopt(fd, LinuxAbi.SOL_UDP, LinuxAbi.UDP_GRO, value, Integer.BYTES) == 0;
        boolean recvErr = calls.setsockopt(fd, LinuxAbi.SOL_IP, LinuxAbi.IP_RECVERR, value, Integer.BYTES) == 0;
        MemorySegment oneMessage = arena.allocate(64, 8);
        boolean mmsg = calls.sendmmsg(fd, oneMessage, 0, 0) == 0;
        return new UdpOffloads(gso, gro, mmsg, recvErr);
    }

    @Override
    public UdpOffloads kernelOffers() {
        return offers;
    }

    @Override
    public BatchedUdpSocket open(InetSocketAddress local, UdpSocketConfig config, boolean sharePort) throws IOException {
        return LinuxUdpSocket.open(local, config, offers, family, sharePort);
    }
}
