package net.rudp.demo.cli;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.ResetReason;
import net.rudp.wire.SeqRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shows one packet of each type as bytes, and what decoding those bytes gives back. */
@Command(name = "packets", mixinStandardHelpOptions = true,
    description = "Print one example packet of each type in hex, then decoded again (to learn the wire format).")
final class PacketsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Header h = new Header(0, 0x0A0B0C0D, 0x01020304, 0xFFFFFFF0, 0x00000010, 65536, 1_000_000, 0);
        List<Packet> packets = List.of(
            new Packet.Syn(h, 1162),
            new Packet.SynAck(h, 1162),
            new Packet.Ack(h, List.of(new SeqRange(0x20, 0x40))),
            new Packet.Data(h.withFlags(Flags.ACK_NOW), ByteBuffer.wrap("hello, rudp".getBytes())),
            new Packet.Nack(h.withFlags(Flags.CORRUPT_SEEN), List.of(new SeqRange(0x10, 0x20))),
            new Packet.Fin(h),
            new Packet.Rst(h, ResetReason.ABORT),
            new Packet.Probe(h));
        ByteBuffer buf = ByteBuffer.allocate(2048);
        for (Packet p : packets) {
            buf.clear();
            PacketCodec.encode(p, buf);
            buf.flip();
            byte[] bytes = new byte[buf.remaining()];
            buf.duplicate().get(bytes);
            DecodeResult back = PacketCodec.decode(buf);
            out.printf("%-8s %3d bytes  %s%n         -> %s%n", p.type(), bytes.length, HexFormat.of().formatHex(bytes), back);
        }
        out.flush();
    }
}
