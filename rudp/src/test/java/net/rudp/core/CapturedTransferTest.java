package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.rudp.ConnectionConfig;
import net.rudp.capture.CaptureLimits;
import net.rudp.capture.DatagramCapture;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.sim.SimEvent;
import net.rudp.testkit.Tshark;
import net.rudp.testkit.Tshark.Expert;
import net.rudp.testkit.Tshark.Frame;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.PacketType;
import net.rudp.wire.SeqRange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A capture of what the client endpoint of a lossy simulated transfer sends and receives, as
 * {@link DatagramCapture} writes it, opens in tshark with every datagram dissected as rudp, none
 * flagged, and the relative sequence numbers the dissector shows are those the Java side computes
 * from the ISNs in the handshake. Skipped where tshark is not installed.
 */
class CapturedTransferTest {
    private static final long MS = 1_000_000L;
    private static final long EPOCH_MICROS = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "over IPv{0}")
    @ValueSource(ints = {4, 6})
    void everyDatagramOfALossyTransferDissectsCleanlyWithRelativeSequenceNumbers(int ipVersion) throws Exception {
        Tshark tshark = Tshark.require();
        Path file = dir.resolve("client.pcapng");
        List<byte[]> captured = new ArrayList<>();
        ImpairmentProfile lossy = ImpairmentProfile.NONE.withDelay(10 * MS, 0).withLoss(0.03).withReordering(0.02, 2 * MS);
        Transfer t = new Transfer(new Transfer.Spec(200_000, 50_000, 65536, 65536, 0), ConnectionConfig.DEFAULT, lossy, lossy, 7, null);
        try (DatagramCapture capture = DatagramCapture.open(file, CaptureLimits.UNLIMITED, "simulated client")) {
            t.net.setTrace((now, event, from, to, datagram) -> {
                boolean sent = from.equals(Transfer.CLIENT) && event != SimEvent.DELIVERED && event != SimEvent.DROPPED_CRASHED;
                boolean received = to.equals(Transfer.CLIENT) && event == SimEvent.DELIVERED;
                if (!sent && !received) return;
                byte[] bytes = new byte[datagram.remaining()];
                datagram.duplicate().get(bytes);
                captured.add(bytes);
                try {
                    InetSocketAddress src = onIp(from, ipVersion);
                    InetSocketAddress dst = onIp(to, ipVersion);
                    if (sent) capture.sent(src, dst, datagram, EPOCH_MICROS + now / 1_000);
                    else capture.received(src, dst, datagram, EPOCH_MICROS + now / 1_000);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            t.run(600 * 1_000 * MS);
        }
        assertTrue(t.finished(), "the transfer completes");
        assertTrue(t.clientApp.connection().stats().packetsLost() > 0, "the loss shows in the capture");

        List<Frame> frames = tshark.dissect(file);
        assertEquals(captured.size(), frames.size(), "one frame per datagram");
        Map<Integer, Long> isns = new HashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            assertTrue(frame.protocols().contains("rudpj"), "frame " + (i + 1) + " is rudp: " + frame.protocols());
            assertEquals("1", frame.one("rudpj.checksum.status"), "frame " + (i + 1) + ": checksum good");
            List<Expert> serious = frame.experts().stream().filter(e -> e.severity() >= Expert.WARN).toList();
            assertEquals(List.of(), serious, "frame " + (i + 1) + " is flagged");
            assertEquals(expectedRelative(captured.get(i), isns), actualRelative(frame), "frame " + (i + 1) + ": relative numbers");
        }
        Set<String> types = frames.stream().map(f -> PacketType.values()[Integer.parseInt(f.one("rudpj.type")) - 1].name())
            .collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of("SYN", "SYN_ACK", "ACK", "DATA", "FIN")), "types seen: " + types);
        assertTrue(frames.stream().anyMatch(f -> !f.all("rudpj.range.start").isEmpty()), "the loss produced SACK or NACK ranges");
        Frame firstData = frames.stream().filter(f -> f.one("rudpj.type").equals("4")).findFirst().orElseThrow();
        assertEquals("1", firstData.one("rudpj.seq_rel"), "the first data byte is ISN + 1");
    }

    /**
     * The relative numbers of one datagram as the Java side computes them: seq from the sender's
     * ISN, ack and ranges from the receiver's, each ISN learnt from a SYN or SYN_ACK (keyed by
     * connection id: one connection, two ids).
     */
    private static Map<String, List<Long>> expectedRelative(byte[] datagram, Map<Integer, Long> isns) {
        Packet p = assertInstanceOf(DecodeResult.Ok.class, PacketCodec.decode(ByteBuffer.wrap(datagram))).packet();
        Header h = p.header();
        if (p instanceof Packet.Syn || p instanceof Packet.SynAck) isns.putIfAbsent(h.srcConnId(), Integer.toUnsignedLong(h.seq()));
        if (p instanceof Packet.SynAck) isns.putIfAbsent(h.dstConnId(), Integer.toUnsignedLong(h.ack() - 1));
        Map<String, List<Long>> rel = new HashMap<>();
        rel.put("rudpj.seq_rel", relative(h.seq(), isns.get(h.srcConnId())));
        rel.put("rudpj.ack_rel", p instanceof Packet.Syn ? List.of() : relative(h.ack(), isns.get(h.dstConnId())));
        List<SeqRange> ranges = switch (p) {
            case Packet.Ack a -> a.sackRanges();
            case Packet.Nack n -> n.missingRanges();
            default -> List.of();
        };
        Long peerIsn = isns.get(h.dstConnId());
        rel.put("rudpj.range.start_rel", ranges.stream().flatMap(r -> relative(r.start(), peerIsn).stream()).toList());
        rel.put("rudpj.range.end_rel", ranges.stream().flatMap(r -> relative(r.end(), peerIsn).stream()).toList());
        return rel;
    }

    private static List<Long> relative(int number, Long isn) {
        return isn == null ? List.of() : List.of((Integer.toUnsignedLong(number) - isn) & 0xFFFFFFFFL);
    }

    private static Map<String, List<Long>> actualRelative(Frame frame) {
        Map<String, List<Long>> rel = new HashMap<>();
        for (String name : List.of("rudpj.seq_rel", "rudpj.ack_rel", "rudpj.range.start_rel", "rudpj.range.end_rel")) {
            rel.put(name, frame.all(name).stream().map(Long::valueOf).toList());
        }
        return rel;
    }

    /** The simulated address on IPv4 as it is, or on IPv6 as 2001:db8::(last IPv4 byte). */
    private static InetSocketAddress onIp(InetSocketAddress address, int version) throws IOException {
        if (version == 4) return address;
        byte[] v4 = address.getAddress().getAddress();
        byte[] v6 = InetAddress.getByName("2001:db8::").getAddress();
        v6[15] = v4[3];
        return new InetSocketAddress(InetAddress.getByAddress(v6), address.getPort());
    }
}
