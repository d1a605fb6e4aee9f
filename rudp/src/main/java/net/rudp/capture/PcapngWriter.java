package net.rudp.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one pcapng section (draft-ietf-opsawg-pcapng): a Section Header Block, one Interface
 * Description Block for raw IP packets, then one Enhanced Packet Block per datagram. Blocks are
 * little-endian (the byte-order magic says so to readers) and every block and option is padded
 * to 32 bits, as the format requires. Not thread-safe: {@link DatagramCapture} serializes calls.
 */
final class PcapngWriter {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 0x00000001;
    static final int ENHANCED_PACKET = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** LINKTYPE_RAW: each packet starts with an IPv4 or IPv6 header, told apart by its version nibble. */
    static final int LINKTYPE_RAW = 101;
    static final int SNAPLEN = 262_144;

    private static final short OPT_END = 0;
    private static final short SHB_USERAPPL = 4;
    private static final short IF_NAME = 2;
    private static final short IF_TSRESOL = 9;
    private static final short EPB_FLAGS = 2;
    /** if_tsresol 6: timestamps count microseconds (10^-6 s). */
    private static final byte MICROSECONDS = 6;
    /** epb_flags bits 0-1: the packet's direction. */
    static final int INBOUND = 1;
    static final int OUTBOUND = 2;

    /** Bytes an Enhanced Packet Block adds to its packet data: 28 fixed, the flags option (8), end of options (4), trailing length (4). */
    private static final int EPB_OVERHEAD = 28 + 8 + 4 + 4;

    private final OutputStream out;
    private final ByteBuffer block;
    private long bytesWritten;
    private int identification;

    /** Starts a section on {@code out}: writes the section header and the interface description. */
    PcapngWriter(OutputStream out, String application, String interfaceName) throws IOException {
        this.out = out;
        this.block = ByteBuffer.allocate(EPB_OVERHEAD + padded(IpUdpHeaders.IPV6_BYTES + IpUdpHeaders.UDP_BYTES
            + IpUdpHeaders.MAX_PAYLOAD)).order(ByteOrder.LITTLE_ENDIAN);
        writeSectionHeader(application);
        writeInterfaceDescription(interfaceName);
    }

    /** The largest IP packet a block holds: an IPv6 packet without jumbograms. */
    static final int MAX_IP_PACKET = IpUdpHeaders.IPV6_BYTES + IpUdpHeaders.UDP_BYTES + IpUdpHeaders.MAX_PAYLOAD;

    /** The bytes an Enhanced Packet Block for this datagram takes. */
    static int packetBlockBytes(InetSocketAddress from, InetSocketAddress to, int payloadBytes) {
        return ipPacketBlockBytes(IpUdpHeaders.headerBytes(from, to) + payloadBytes);
    }

    /** The bytes an Enhanced Packet Block for an IP packet of {@code packetBytes} takes. */
    static int ipPacketBlockBytes(int packetBytes) {
        return EPB_OVERHEAD + padded(packetBytes);
    }

    /** Bytes written to this section so far. */
    long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Writes one Enhanced Packet Block: {@code payload} (position to limit, not moved) behind
     * synthesized IP and UDP headers.
     *
     * @param direction {@link #INBOUND} or {@link #OUTBOUND}
     */
    void packet(InetSocketAddress from, InetSocketAddress to, ByteBuffer payload, long timestampMicros, int direction)
            throws IOException {
        int packetBytes = IpUdpHeaders.headerBytes(from, to) + payload.remaining();
        beginPacketBlock(packetBytes, timestampMicros);
        IpUdpHeaders.write(block, from, to, payload, identification++);
        endPacketBlock(packetBytes, direction);
    }

    /**
     * Writes one Enhanced Packet Block holding {@code packet} (position to limit, not moved), a
     * whole IPv4 or IPv6 packet as a TUN device reads it.
     *
     * @param direction {@link #INBOUND}, {@link #OUTBOUND}, or 0 when it has none (a link between two hosts)
     * @throws IllegalArgumentException if it is longer than {@link #MAX_IP_PACKET}
     */
    void ipPacket(ByteBuffer packet, long timestampMicros, int direction) throws IOException {
        int packetBytes = packet.remaining();
        if (packetBytes > MAX_IP_PACKET) {
            throw new IllegalArgumentException("an IP packet is at most " + MAX_IP_PACKET + " bytes: " + packetBytes);
        }
        beginPacketBlock(packetBytes, timestampMicros);
        block.put(packet.duplicate());
        endPacketBlock(packetBytes, direction);
    }

    /** The block's fixed fields, up to its packet data. */
    private void beginPacketBlock(int packetBytes, long timestampMicros) {
        block.clear();
        block.putInt(ENHANCED_PACKET).putInt(ipPacketBlockBytes(packetBytes)).putInt(0) // interface 0, the only one
            .putInt((int) (timestampMicros >>> 32)).putInt((int) timestampMicros)
            .putInt(packetBytes).putInt(packetBytes); // captured and original length: nothing is cut
    }

    /** The block's padding, options and trailing length after its packet data; writes the block. */
    private void endPacketBlock(int packetBytes, int direction) throws IOException {
        pad();
        block.putShort(EPB_FLAGS).putShort((short) 4).putInt(direction);
        block.putInt(OPT_END);
        block.putInt(ipPacketBlockBytes(packetBytes));
        flushBlock();
    }

    void flush() throws IOException {
        out.flush();
    }

    void close() throws IOException {
        out.close();
    }

    private void writeSectionHeader(String application) throws IOException {
        block.clear();
        block.putInt(SECTION_HEADER).putInt(0).putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0)
            .putLong(-1); // section length unknown: the file is written as a stream
        stringOption(SHB_USERAPPL, application);
        endBlock();
    }

    private void writeInterfaceDescription(String interfaceName) throws IOException {
        block.clear();
        block.putInt(INTERFACE_DESCRIPTION).putInt(0).putShort((short) LINKTYPE_RAW).putShort((short) 0).putInt(SNAPLEN);
        stringOption(IF_NAME, interfaceName);
        block.putShort(IF_TSRESOL).putShort((short) 1).put(MICROSECONDS);
        pad();
        endBlock();
    }

    private void stringOption(short code, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) throw new IllegalArgumentException("option longer than 65535 bytes");
        block.putShort(code).putShort((short) bytes.length).put(bytes);
        pad();
    }

    /** Ends the options and the block: writes end-of-options and the total length at both ends. */
    private void endBlock() throws IOException {
        block.putInt(OPT_END);
        int total = block.position() + 4;
        block.putInt(4, total).putInt(total);
        flushBlock();
    }

    private void flushBlock() throws IOException {
        out.write(block.array(), 0, block.position());
        bytesWritten += block.position();
    }

    private void pad() {
        while ((block.position() & 3) != 0) block.put((byte) 0);
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }
}
