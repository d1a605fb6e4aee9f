package net.rudp.capture;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Synthesizes the IP and UDP headers a capture tool expects in front of a UDP payload: IPv4 when
 * both addresses are IPv4, otherwise IPv6 (an IPv4 address then written IPv4-mapped,
 * {@code ::ffff:a.b.c.d}, as a dual-stack socket sees it). Both checksums are computed, so the
 * headers pass Wireshark's checks when they are switched on.
 */
final class IpUdpHeaders {
    private IpUdpHeaders() {}

    static final int IPV4_BYTES = 20;
    static final int IPV6_BYTES = 40;
    static final int UDP_BYTES = 8;
    /** The largest UDP payload an IPv6 packet without jumbograms carries (65535 - UDP header). */
    static final int MAX_PAYLOAD = 0xFFFF - UDP_BYTES;

    private static final int PROTOCOL_UDP = 17;
    private static final int TTL = 64;

    /** Bytes of IP and UDP header in front of a payload between these two addresses. */
    static int headerBytes(InetSocketAddress from, InetSocketAddress to) {
        return (bothIpv4(from, to) ? IPV4_BYTES : IPV6_BYTES) + UDP_BYTES;
    }

    /**
     * Writes the IP and UDP headers for {@code payload} (position to limit, not moved) at
     * {@code out}'s position, then the payload, and advances {@code out}. The headers are
     * big-endian whatever {@code out}'s byte order.
     *
     * @param identification the IPv4 identification field (ignored for IPv6)
     */
    static void write(ByteBuffer out, InetSocketAddress from, InetSocketAddress to, ByteBuffer payload, int identification) {
        if (from.isUnresolved() || to.isUnresolved()) throw new IllegalArgumentException("unresolved address: " + from + " -> " + to);
        int udpLength = UDP_BYTES + payload.remaining();
        // IPv4's total length and IPv6's payload length are both 16 bits; IPv4's counts its own header too.
        int maxPayload = bothIpv4(from, to) ? MAX_PAYLOAD - IPV4_BYTES : MAX_PAYLOAD;
        if (payload.remaining() > maxPayload) {
            throw new IllegalArgumentException("a UDP payload over IPv" + (bothIpv4(from, to) ? 4 : 6) + " is at most "
                + maxPayload + " bytes: " + payload.remaining());
        }
        ByteOrder order = out.order();
        out.order(ByteOrder.BIG_ENDIAN); // network byte order, whatever the surrounding capture format uses
        try {
            writeHeadersAndPayload(out, from, to, payload, identification, udpLength);
        } finally {
            out.order(order);
        }
    }

    private static void writeHeadersAndPayload(ByteBuffer out, InetSocketAddress from, InetSocketAddress to, ByteBuffer payload,
                                               int identification, int udpLength) {
        byte[] src = addressBytes(from.getAddress(), to);
        byte[] dst = addressBytes(to.getAddress(), from);
        if (src.length == 4) {
            writeIpv4(out, src, dst, udpLength, identification);
        } else {
            writeIpv6(out, src, dst, udpLength);
        }
        int udp = out.position();
        out.putShort((short) from.getPort()).putShort((short) to.getPort()).putShort((short) udpLength).putShort((short) 0);
        out.put(payload.duplicate());
        // The addresses are the last 2 x 4 (IPv4) or 2 x 16 (IPv6) bytes of the IP header.
        int addresses = 2 * src.length;
        out.putShort(udp + 6, (short) udpChecksum(out, udp, udpLength, udp - addresses, addresses));
    }

    private static void writeIpv4(ByteBuffer out, byte[] src, byte[] dst, int udpLength, int identification) {
        int start = out.position();
        out.put((byte) 0x45).put((byte) 0).putShort((short) (IPV4_BYTES + udpLength))
            .putShort((short) identification).putShort((short) 0x4000) // DF, as Linux sets on UDP with PMTU discovery
            .put((byte) TTL).put((byte) PROTOCOL_UDP).putShort((short) 0).put(src).put(dst);
        out.putShort(start + 10, (short) ~fold(sum(out, start, IPV4_BYTES, 0)));
    }

    private static void writeIpv6(ByteBuffer out, byte[] src, byte[] dst, int udpLength) {
        out.putInt(6 << 28).putShort((short) udpLength).put((byte) PROTOCOL_UDP).put((byte) TTL).put(src).put(dst);
    }

    /**
     * RFC 768: "Checksum is the 16-bit one's complement of the one's complement sum of a pseudo
     * header of information from the IP header, the UDP header, and the data"; a computed 0 is
     * sent as all ones (0 means "no checksum", which IPv6 forbids, RFC 8200 8.1).
     */
    private static int udpChecksum(ByteBuffer out, int udp, int udpLength, int addresses, int addressBytes) {
        long pseudo = sum(out, addresses, addressBytes, PROTOCOL_UDP + udpLength);
        int checksum = ~fold(sum(out, udp, udpLength, pseudo)) & 0xFFFF;
        return checksum == 0 ? 0xFFFF : checksum;
    }

    /** Adds the big-endian 16-bit words of {@code length} bytes at {@code from} to {@code sum} (odd length: zero-padded). */
    private static long sum(ByteBuffer b, int from, int length, long sum) {
        int i = from;
        for (int end = from + (length & ~1); i < end; i += 2) {
            sum += b.getShort(i) & 0xFFFF;
        }
        if ((length & 1) != 0) sum += (b.get(i) & 0xFF) << 8;
        return sum;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static boolean bothIpv4(InetSocketAddress a, InetSocketAddress b) {
        return a.getAddress() instanceof Inet4Address && b.getAddress() instanceof Inet4Address;
    }

    /** {@code address} as 4 bytes if it and {@code other} are IPv4, else as 16 (IPv4-mapped if need be). */
    private static byte[] addressBytes(InetAddress address, InetSocketAddress other) {
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address || !(other.getAddress() instanceof Inet4Address)) {
            if (raw.length == 16) return raw;
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(raw, 0, mapped, 12, 4);
            return mapped;
        }
        return raw;
    }
}
