package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;

/**
 * A {@link DatagramSink} that keeps what an endpoint sent, decoded, in the spirit of Netty's
 * {@code EmbeddedChannel}: tests feed packets in and read packets out, with no sockets.
 */
final class Captured implements DatagramSink {
    record Sent(InetSocketAddress to, byte[] bytes, Packet packet) {}

    final List<Sent> sent = new ArrayList<>();

    @Override
    public void send(InetSocketAddress to, ByteBuffer datagram) {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.duplicate().get(bytes);
        DecodeResult r = PacketCodec.decode(ByteBuffer.wrap(bytes));
        if (!(r instanceof DecodeResult.Ok ok)) throw new AssertionError("endpoint sent an undecodable datagram: " + r);
        sent.add(new Sent(to, bytes, ok.packet()));
    }

    /** The packets sent since the last call, and forgets them. */
    List<Packet> take() {
        List<Packet> packets = sent.stream().map(Sent::packet).toList();
        sent.clear();
        return packets;
    }

    /** Encodes {@code p} as a datagram. */
    static ByteBuffer bytes(Packet p) {
        ByteBuffer b = ByteBuffer.allocate(PacketCodec.encodedSize(p));
        PacketCodec.encode(p, b);
        return b.flip();
    }
}
