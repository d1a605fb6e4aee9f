package net.rudp.capture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** An IPv4 or IPv6 packet carrying UDP, parsed from a capture, with its checksums verified from scratch. */
record IpPacket(int version, byte[] header, byte[] sourceBytes, byte[] destinationBytes, ByteBuffer udp) {

    static IpPacket parse(ByteBuffer packet) {
        ByteBuffer b = packet.duplicate().order(java.nio.ByteOrder.BIG_ENDIAN);
        int version = (b.get(0) & 0xFF) >>> 4;
        int headerBytes = version == 4 ? (b.get(0) & 0x0F) * 4 : 40;
        int addressBytes = version == 4 ? 4 : 16;
        int addresses = version == 4 ? 12 : 8;
        byte[] header = new byte[headerBytes];
        byte[] src = new byte[addressBytes];
        byte[] dst = new byte[addressBytes];
        b.get(0, header).get(addresses, src).get(addresses + addressBytes, dst);
        int protocol = version == 4 ? b.get(9) : b.get(6);
        if (protocol != 17) throw new AssertionError("not UDP: protocol " + protocol);
        int totalLength = version == 4 ? b.getShort(2) & 0xFFFF : 40 + (b.getShort(4) & 0xFFFF);
        if (totalLength != b.remaining()) throw new AssertionError("IP length " + totalLength + " but " + b.remaining() + " bytes");
        return new IpPacket(version, header, src, dst, b.slice(headerBytes, b.remaining() - headerBytes));
    }

    InetSocketAddress source() {
        return socketAddress(sourceBytes, udp.getShort(0));
    }

    InetSocketAddress destination() {
        return socketAddress(destinationBytes, udp.getShort(2));
    }

    byte[] payload() {
        int udpLength = udp.getShort(4) & 0xFFFF;
        if (udpLength != udp.remaining()) throw new AssertionError("UDP length " + udpLength + " but " + udp.remaining() + " bytes");
        byte[] payload = new byte[udpLength - 8];
        udp.get(8, payload);
        return payload;
    }

    /** The one's-complement sum over the header, checksum included, is all ones. */
    boolean ipv4ChecksumValid() {
        return onesComplementSum(header, 0) == 0xFFFF;
    }

    /** The same over the pseudo header and the UDP datagram; a zero checksum is "none", which IPv6 forbids. */
    boolean udpChecksumValid() {
        if (udp.getShort(6) == 0) return false;
        byte[] datagram = new byte[udp.remaining()];
        udp.get(0, datagram);
        long pseudo = onesComplementSum(sourceBytes, 0) + onesComplementSum(destinationBytes, 0) + 17 + datagram.length;
        return onesComplementSum(datagram, pseudo) == 0xFFFF;
    }

    private static int onesComplementSum(byte[] bytes, long start) {
        long sum = start;
        for (int i = 0; i < bytes.length; i += 2) {
            int high = bytes[i] & 0xFF;
            int low = i + 1 < bytes.length ? bytes[i + 1] & 0xFF : 0;
            sum += (high << 8) | low;
        }
        while ((sum >>> 16) != 0) sum = (sum & 0xFFFF) + (sum >>> 16);
        return (int) sum;
    }

    private static InetSocketAddress socketAddress(byte[] address, short port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port & 0xFFFF);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
