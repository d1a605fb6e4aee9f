package net.rudp.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import net.rudp.capture.PcapngFile.Block;
import net.rudp.capture.PcapngFile.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pcapng a capture writes, read back block by block: what Wireshark relies on to open it. */
class DatagramCaptureTest {
    static final InetSocketAddress CLIENT4 = address("192.0.2.1", 40000);
    static final InetSocketAddress SERVER4 = address("192.0.2.2", 9000);
    static final InetSocketAddress CLIENT6 = address("2001:db8::1", 40000);
    static final InetSocketAddress SERVER6 = address("2001:db8::2", 9000);
    private static final long T0 = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aCaptureIsASectionHeaderAnInterfaceAndOnePacketBlockPerDatagram() throws IOException {
        Path file = dir.resolve("one.pcapng");
        try (DatagramCapture capture = DatagramCapture.open(file, CaptureLimits.UNLIMITED, "rudp test")) {
            capture.sent(CLIENT4, SERVER4, payload(37), T0);
            capture.received(SERVER4, CLIENT4, payload(38), T0 + 1);
            capture.sent(CLIENT6, SERVER6, payload(1), T0 + 1_000_000);
        }
        List<Block> blocks = PcapngFile.read(file).blocks();
        assertEquals(List.of(PcapngWriter.SECTION_HEADER, PcapngWriter.INTERFACE_DESCRIPTION, PcapngWriter.ENHANCED_PACKET,
            PcapngWriter.ENHANCED_PACKET, PcapngWriter.ENHANCED_PACKET), blocks.stream().map(Block::type).toList());

        ByteBuffer shb = blocks.get(0).body();
        assertEquals(1, shb.getShort(4), "major version");
        assertEquals(0, shb.getShort(6), "minor version");
        assertEquals(-1L, shb.getLong(8), "section length: unknown");
        assertEquals("rudp (net.rudp.capture)", text(blocks.get(0).options(16), 4));

        ByteBuffer idb = blocks.get(1).body();
        assertEquals(PcapngWriter.LINKTYPE_RAW, idb.getShort(0));
        assertEquals("rudp test", text(blocks.get(1).options(8), 2));
        assertArrayEquals(new byte[] {6}, option(blocks.get(1).options(8), 9), "if_tsresol: microseconds");

        List<Packet> packets = PcapngFile.read(file).packets();
        assertEquals(List.of(T0, T0 + 1, T0 + 1_000_000), packets.stream().map(Packet::timestampMicros).toList());
        assertEquals(List.of(PcapngWriter.OUTBOUND, PcapngWriter.INBOUND, PcapngWriter.OUTBOUND),
            packets.stream().map(Packet::flags).toList(), "epb_flags carry the direction");
        assertEquals(List.of(20 + 8 + 37, 20 + 8 + 38, 40 + 8 + 1), packets.stream().map(Packet::capturedLength).toList());
        packets.forEach(p -> assertEquals(p.capturedLength(), p.originalLength(), "nothing is cut"));
        for (int i = 0; i < 3; i++) {
            assertEquals(44 + ((packets.get(i).capturedLength() + 3) & ~3), blocks.get(2 + i).totalLength(),
                "EPB " + i + ": 28 fixed bytes, padded data, flags option, end of options, trailing length");
        }
    }

    @Test
    void aWholeIpPacketIsWrittenAsItIsWithoutADirection() throws IOException {
        Path file = dir.resolve("link.pcapng");
        ByteBuffer ip = ByteBuffer.allocate(20 + 8 + 5);
        IpUdpHeaders.write(ip, CLIENT4, SERVER4, payload(5), 7);
        ip.flip();
        byte[] expected = new byte[ip.remaining()];
        ip.duplicate().get(expected);
        try (DatagramCapture capture = DatagramCapture.open(file, CaptureLimits.UNLIMITED, "link a-b")) {
            capture.ipPacket(ip, T0);
            assertEquals(0, ip.position(), "the packet is left as it was");
            assertThrows(IllegalArgumentException.class, () -> capture.ipPacket(ByteBuffer.allocate(PcapngWriter.MAX_IP_PACKET + 1), T0));
        }
        List<Packet> packets = PcapngFile.read(file).packets();
        assertEquals(1, packets.size());
        Packet p = packets.getFirst();
        assertEquals(T0, p.timestampMicros());
        assertEquals(0, p.flags(), "a link has no inbound or outbound");
        assertEquals(expected.length, p.capturedLength());
        byte[] written = new byte[p.capturedLength()];
        p.data().duplicate().get(written);
        assertArrayEquals(expected, written);
    }

    @Test
    void theSynthesizedHeadersCarryTheAddressesLengthsAndValidChecksums() throws IOException {
        Path file = dir.resolve("headers.pcapng");
        InetSocketAddress mapped = address("198.51.100.7", 5000);
        try (DatagramCapture capture = DatagramCapture.open(file, CaptureLimits.UNLIMITED, "rudp")) {
            capture.sent(CLIENT4, SERVER4, payload(37), T0);
            capture.sent(CLIENT6, SERVER6, payload(1163), T0);
            capture.received(mapped, SERVER6, payload(36), T0);
        }
        List<Packet> packets = PcapngFile.read(file).packets();
        IpPacket v4 = IpPacket.parse(packets.get(0).data());
        assertEquals(4, v4.version());
        assertEquals(CLIENT4, v4.source());
        assertEquals(SERVER4, v4.destination());
        assertTrue(v4.ipv4ChecksumValid(), "IPv4 header checksum");
        assertTrue(v4.udpChecksumValid(), "UDP checksum over IPv4");
        assertArrayEquals(payload(37).array(), v4.payload());

        IpPacket v6 = IpPacket.parse(packets.get(1).data());
        assertEquals(6, v6.version());
        assertEquals(CLIENT6, v6.source());
        assertEquals(SERVER6, v6.destination());
        assertTrue(v6.udpChecksumValid(), "UDP checksum over IPv6 (mandatory there)");
        assertArrayEquals(payload(1163).array(), v6.payload());

        IpPacket dualStack = IpPacket.parse(packets.get(2).data());
        assertEquals(6, dualStack.version(), "an IPv4 peer of an IPv6 socket is written IPv4-mapped");
        assertEquals(5000, dualStack.source().getPort());
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 198, 51, 100, 7}, dualStack.sourceBytes());
        assertTrue(dualStack.udpChecksumValid());
    }

    @Test
    void rotationKeepsTheNewestFilesEachWithinTheLimitAndEachAWholeCapture() throws IOException {
        Path file = dir.resolve("ring.pcapng");
        int packets = 200;
        try (DatagramCapture capture = DatagramCapture.open(file, CaptureLimits.rotating(8192, 3), "rudp")) {
            for (int i = 0; i < packets; i++) {
                capture.sent(CLIENT4, SERVER4, payload(100), T0 + i * 1_000_000L);
            }
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        assertEquals(List.of("ring_00003_", "ring_00004_", "ring_00005_"),
            files.stream().map(f -> f.getFileName().toString().substring(0, 11)).toList(), "only the newest 3 files are kept");
        List<Long> times = new ArrayList<>();
        for (Path f : files) {
            assertTrue(f.getFileName().toString().matches("ring_\\d{5}_\\d{14}\\.pcapng"), "dumpcap-style ring name: " + f);
            assertTrue(Files.size(f) <= 8192, f + " is " + Files.size(f) + " bytes");
            PcapngFile.read(f).packets().forEach(p -> times.add(p.timestampMicros()));
        }
        long first = times.getFirst();
        assertEquals(LongStream.range(0, times.size()).mapToObj(i -> first + i * 1_000_000L).toList(), times,
            "the kept files follow each other without a gap");
        assertEquals(T0 + (packets - 1) * 1_000_000L, times.getLast(), "the newest file holds the last packet");
    }

    @Test
    void aClosedCaptureRefusesPacketsAndBadInputIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path file = dir.resolve("closed.pcapng");
        DatagramCapture capture = DatagramCapture.open(file, CaptureLimits.UNLIMITED, "rudp");
        assertThrows(IllegalArgumentException.class, () -> capture.sent(CLIENT4, SERVER4, payload(40), -1));
        assertThrows(IllegalArgumentException.class, () -> capture.sent(CLIENT4, SERVER4, ByteBuffer.allocate(65508), T0));
        assertThrows(IllegalArgumentException.class,
            () -> capture.sent(InetSocketAddress.createUnresolved("example.invalid", 1), SERVER4, payload(40), T0));
        capture.close();
        assertThrows(IOException.class, () -> capture.sent(CLIENT4, SERVER4, payload(40), T0));
        assertEquals(2, PcapngFile.read(file).blocks().size(), "only the section and interface headers");
        assertThrows(IllegalArgumentException.class, () -> CaptureLimits.rotating(100, 2));
        assertThrows(IllegalArgumentException.class, () -> CaptureLimits.rotating(1 << 20, 0));
    }

    static ByteBuffer payload(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) (i * 7 + 1);
        return ByteBuffer.wrap(bytes);
    }

    private static String text(List<PcapngFile.Option> options, int code) {
        return new String(option(options, code), StandardCharsets.UTF_8);
    }

    private static byte[] option(List<PcapngFile.Option> options, int code) {
        return options.stream().filter(o -> o.code() == code).findFirst().orElseThrow(() -> new AssertionError("no option " + code))
            .value();
    }

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
