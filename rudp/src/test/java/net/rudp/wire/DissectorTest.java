package net.rudp.wire;

import static net.rudp.wire.Datagrams.decode;
import static net.rudp.wire.Datagrams.hex;
import static net.rudp.wire.Datagrams.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.rudp.capture.CaptureLimits;
import net.rudp.capture.DatagramCapture;
import net.rudp.testkit.Tshark;
import net.rudp.testkit.Tshark.Expert;
import net.rudp.testkit.Tshark.Frame;
import net.rudp.wire.VectorFile.Vector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Wireshark dissector (spec/wireshark/rudp_dissector.lua) reads every vector of spec/vectors
 * as the Java decoder does: tshark dissects a capture of the valid vectors to exactly the fields
 * {@link PacketCodec} decodes, flags each invalid vector with the expert info of its error, and
 * its heuristic finds rudp on a port nothing told it about. Skipped where tshark is not installed.
 */
class DissectorTest {
    private static final List<Vector> PACKETS = VectorFile.read("packets.txt");
    private static final List<Vector> INVALID = VectorFile.read("invalid.txt");
    private static final int SERVER_PORT = 9000;
    private static final String DECODE_AS = "udp.port==" + SERVER_PORT + ",rudpj";

    private static Path dir;
    private static Path validCapture;
    private static Path invalidCapture;

    @BeforeAll
    static void writeCaptures() throws IOException {
        dir = Files.createTempDirectory("rudp-dissector");
        validCapture = capture("valid.pcapng", PACKETS);
        invalidCapture = capture("invalid.pcapng", INVALID);
    }

    @AfterAll
    static void deleteCaptures() throws IOException {
        for (Path p : List.of(validCapture, invalidCapture)) Files.deleteIfExists(p);
        Files.delete(dir);
    }

    @TestFactory
    Stream<DynamicTest> tsharkDecodesEveryPacketVectorToTheFieldsTheJavaDecoderGives() throws Exception {
        Tshark tshark = Tshark.require();
        List<Frame> frames = tshark.dissect(validCapture, "-d", DECODE_AS);
        assertEquals(PACKETS.size(), frames.size(), "one frame per vector");
        return IntStream.range(0, PACKETS.size()).mapToObj(i -> DynamicTest.dynamicTest(PACKETS.get(i).name(), () -> {
            byte[] wire = unhex(PACKETS.get(i).get("hex"));
            Packet packet = assertInstanceOf(DecodeResult.Ok.class, decode(wire)).packet();
            Frame frame = frames.get(i);
            Map<String, List<String>> expected = fieldsOf(wire, packet);
            Map<String, List<String>> actual = new LinkedHashMap<>();
            expected.keySet().forEach(name -> actual.put(name, frame.all(name).stream().map(DissectorTest::unsigned).toList()));
            assertEquals(expected, actual, PACKETS.get(i).name() + " in tshark " + tshark.version());
            if (packet instanceof Packet.Data d && d.payload().hasRemaining()) {
                assertEquals(hex(bytes(d.payload())), frame.bytes("rudpj.payload"), "payload bytes");
            }
            assertEquals(List.of(), serious(frame), "a valid packet gets no warning or error");
            Tshark.assertWellFormed(frame);
        }));
    }

    @TestFactory
    Stream<DynamicTest> tsharkFlagsEveryInvalidVectorWithTheExpertInfoOfItsError() throws Exception {
        List<Frame> frames = Tshark.require().dissect(invalidCapture, "-d", DECODE_AS);
        assertEquals(INVALID.size(), frames.size(), "one frame per vector");
        return IntStream.range(0, INVALID.size()).mapToObj(i -> DynamicTest.dynamicTest(INVALID.get(i).name(), () -> {
            Vector v = INVALID.get(i);
            Frame frame = frames.get(i);
            if (unhex(v.get("hex")).length == 0) {
                // Wireshark's UDP dissector hands an empty payload to no dissector: nothing to flag.
                assertFalse(frame.protocols().contains("rudpj"), v.name());
                return;
            }
            DecodeError error = DecodeError.valueOf(v.get("error"));
            List<Expert> serious = serious(frame);
            assertEquals(List.of("rudpj." + error.name().toLowerCase(Locale.ROOT)), serious.stream().map(Expert::name).toList(),
                "the first rule broken is the one error reported: " + serious);
            Expert expert = serious.getFirst();
            assertEquals(Expert.ERROR, expert.severity(), expert.toString());
            assertEquals(error == DecodeError.BAD_CHECKSUM ? Expert.CHECKSUM : Expert.MALFORMED, expert.group(), expert.toString());
            assertTrue(expert.message().contains("rule"), "the message names the rule broken: " + expert.message());
            Tshark.assertWellFormed(frame);
        }));
    }

    @Test
    void theHeuristicFindsEveryValidVectorOnAPortNothingNamed() throws Exception {
        List<Frame> frames = Tshark.require().dissect(validCapture);
        List<String> missed = IntStream.range(0, frames.size()).filter(i -> !frames.get(i).protocols().contains("rudpj"))
            .mapToObj(i -> PACKETS.get(i).name()).toList();
        assertEquals(List.of(), missed, "vectors the heuristic did not claim");
    }

    @Test
    void theHeuristicLeavesDatagramsAloneThatAreNotRudp() throws Exception {
        List<Frame> frames = Tshark.require().dissect(invalidCapture);
        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            DecodeError error = DecodeError.valueOf(INVALID.get(i).get("error"));
            // A wrong field value (rule 7) in a datagram of valid layout and checksum is rudp, flagged; the rest is not rudp.
            if (error != DecodeError.FIELD_OUT_OF_RANGE && frames.get(i).protocols().contains("rudpj")) {
                claimed.add(INVALID.get(i).name());
            }
        }
        assertEquals(List.of(), claimed, "datagrams with a bad checksum, version, type or length claimed as rudp");
    }

    /** Every field of {@code packet} as the dissector names it, with unsigned decimal values in tree order. */
    private static Map<String, List<String>> fieldsOf(byte[] wire, Packet packet) {
        Header h = packet.header();
        Map<String, List<String>> f = new LinkedHashMap<>();
        put(f, "rudpj.version", PacketCodec.VERSION);
        put(f, "rudpj.type", packet.type().code);
        put(f, "rudpj.flags", h.flags());
        put(f, "rudpj.reserved", wire[3] & 0xFF); // not in the record: receivers ignore it
        put(f, "rudpj.dst_conn_id", h.dstConnId());
        put(f, "rudpj.src_conn_id", h.srcConnId());
        put(f, "rudpj.seq", h.seq());
        put(f, "rudpj.ack", h.ack());
        put(f, "rudpj.window", h.window());
        put(f, "rudpj.timestamp", h.timestamp());
        put(f, "rudpj.timestamp_echo", h.timestampEcho());
        switch (packet) {
            case Packet.Syn s -> put(f, "rudpj.max_payload", s.maxPayload());
            case Packet.SynAck s -> put(f, "rudpj.max_payload", s.maxPayload());
            case Packet.Ack a -> putRanges(f, a.sackRanges());
            case Packet.Nack n -> putRanges(f, n.missingRanges());
            case Packet.Data d -> put(f, "rudpj.payload_length", d.payload().remaining());
            case Packet.Rst r -> put(f, "rudpj.reason", r.reason().code);
            case Packet.Fin fin -> { }
            case Packet.Probe probe -> { }
        }
        put(f, "rudpj.checksum", ByteBuffer.wrap(wire).getInt(wire.length - PacketCodec.CHECKSUM_BYTES));
        put(f, "rudpj.checksum.status", 1);
        return f;
    }

    private static void putRanges(Map<String, List<String>> f, List<SeqRange> ranges) {
        put(f, "rudpj.range_count", ranges.size());
        f.put("rudpj.range.start", ranges.stream().map(r -> Integer.toUnsignedString(r.start())).toList());
        f.put("rudpj.range.end", ranges.stream().map(r -> Integer.toUnsignedString(r.end())).toList());
    }

    private static void put(Map<String, List<String>> f, String name, int value) {
        f.put(name, List.of(Integer.toUnsignedString(value)));
    }

    /** A value as tshark shows it (decimal, or 0x-prefixed hex) in unsigned decimal. */
    private static String unsigned(String shown) {
        return Long.toString(Long.decode(shown));
    }

    /** The frame's rudp expert infos of severity warning or error. */
    private static List<Expert> serious(Frame frame) {
        return frame.experts().stream().filter(e -> e.name() != null && e.name().startsWith("rudpj.") && e.severity() >= Expert.WARN)
            .toList();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /**
     * A capture of the vectors' datagrams, one per frame, each from its own client port to the
     * server port, so each is a UDP conversation of its own (the heuristic meets each afresh).
     */
    private static Path capture(String name, List<Vector> vectors) throws IOException {
        Path file = dir.resolve(name);
        InetAddress client = InetAddress.getByName("192.0.2.1");
        InetAddress server = InetAddress.getByName("192.0.2.2");
        long micros = 1_700_000_000_000_000L;
        try (DatagramCapture capture = DatagramCapture.open(file, CaptureLimits.UNLIMITED, "spec/vectors")) {
            for (int i = 0; i < vectors.size(); i++) {
                capture.sent(new InetSocketAddress(client, 40000 + i), new InetSocketAddress(server, SERVER_PORT),
                    ByteBuffer.wrap(unhex(vectors.get(i).get("hex"))), micros + i);
            }
        }
        return file;
    }
}
