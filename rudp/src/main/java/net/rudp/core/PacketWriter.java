package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.ResetReason;
import net.rudp.wire.SeqRange;

/**
 * Turns the connection's decisions into datagrams: builds each header from the receive side's
 * current ack, window and echo, encodes the packet into the sink's slot (or else the endpoint's
 * buffer), traces it, hands it to the sink, and counts what it sent. One flush writes through one
 * {@link #begin} call's buffer and sink.
 */
final class PacketWriter {
    private final InetSocketAddress remote;
    private final WireIds ids;
    private final Reassembly stream;
    private final ReceiveWindow window;
    private final AckPolicy acks;
    private final ConnectionTrace trace;
    private final int maxPayload;
    /** Where a DATA payload that wraps around the send ring is made contiguous. */
    private ByteBuffer wrapScratch;

    private long now;
    /** Where the datagram being written is encoded: the sink's slot or the endpoint's buffer. */
    private final DatagramSlot slot = new DatagramSlot();

    private long packetsSent;
    private long bytesSent;
    private long bytesRetransmitted;

    PacketWriter(InetSocketAddress remote, WireIds ids, Reassembly stream, ReceiveWindow window, AckPolicy acks,
                 ConnectionTrace trace, int maxPayload) {
        this.remote = remote;
        this.ids = ids;
        this.stream = stream;
        this.window = window;
        this.acks = acks;
        this.trace = trace;
        this.maxPayload = maxPayload;
    }

    /** Datagrams sent, of every type. */
    long packetsSent() {
        return packetsSent;
    }

    /** DATA payload bytes sent, retransmissions included. */
    long bytesSent() {
        return bytesSent;
    }

    /** DATA payload bytes sent again. */
    long bytesRetransmitted() {
        return bytesRetransmitted;
    }

    /** The datagrams written until the next call go to {@code sink} through {@code buffer}, at {@code nowNanos}. */
    void begin(long nowNanos, ByteBuffer buffer, DatagramSink to) {
        now = nowNanos;
        slot.use(buffer, to);
    }

    /** The client's call request (spec 8.1): our ISN, the window, our largest payload. */
    void syn(boolean retry) {
        int w = window.advertise();
        PacketCodec.encode(new Packet.Syn(new Header(0, 0, ids.localId(), ids.ours().isn(), 0, w, WireTime.micros(now), 0),
            maxPayload), slot.open(remote));
        emit("SYN", 0, 1, retry);
    }

    /** The server's call accept (spec 8.2), echoing the SYN's timestamp. */
    void synAck(boolean retry) {
        int w = window.advertise();
        PacketCodec.encode(new Packet.SynAck(new Header(0, ids.remoteId(), ids.localId(), ids.ours().isn(),
            ids.peers().wire(1), w, WireTime.micros(now), acks.echoTimestamp()), maxPayload), slot.open(remote));
        emit("SYN_ACK", 0, 1, retry);
    }

    /** DATA carrying {@code [start, start + length)} of our stream from {@code ring}; {@code again} when resent. */
    void data(int flags, long start, int length, boolean again, ByteRing ring) {
        ByteBuffer source = ring.backing();
        int index = ring.index(start);
        if (!ring.contiguous(start, length)) {
            if (wrapScratch == null) wrapScratch = ByteBuffer.allocate(maxPayload);
            wrapScratch.clear();
            ring.read(start, wrapScratch, length);
            source = wrapScratch;
            index = 0;
        }
        PacketCodec.encodeData(slot.open(remote), flags, ids.remoteId(), ids.localId(), ids.ours().wire(start),
            ids.peers().wire(stream.rcvNxt()), window.advertise(), WireTime.micros(now), acks.echoTimestamp(),
            source, index, length);
        bytesSent += length;
        if (again) bytesRetransmitted += length;
        emit("DATA", start, length, again);
        carriedTheAck();
    }

    /** The FIN at {@code offset} (spec 12.1). */
    void fin(int flags, long offset, boolean again) {
        PacketCodec.encode(new Packet.Fin(header(flags, offset)), slot.open(remote));
        emit("FIN", offset, 1, again);
        carriedTheAck();
    }

    /** An ACK with {@code sacks}; {@code sndNxt} is its sequence number. It settles what the ACK policy owed. */
    void ack(long sndNxt, List<SeqRange> sacks) {
        headerOnly(new Packet.Ack(header(0, sndNxt), sacks), sndNxt);
        acks.onAcknowledged();
    }

    /**
     * A DATA or FIN packet carried the current ack: it settles the ACK policy, unless data is held
     * out of order (then the peer needs an ACK's SACK blocks all the same).
     */
    private void carriedTheAck() {
        if (stream.outOfOrder().isEmpty()) acks.onAcknowledged();
    }

    void nack(int flags, long sndNxt, List<SeqRange> missing) {
        headerOnly(new Packet.Nack(header(flags, sndNxt), missing), sndNxt);
    }

    /** A PROBE (keepalive or persist, spec 10.2 and 14): asks for an ACK. */
    void probe(long sndNxt) {
        headerOnly(new Packet.Probe(header(0, sndNxt)), sndNxt);
    }

    /** A path MTU probe of {@code datagramSize} bytes (spec 9.13): a padded PROBE; returns its TSval, which the answer echoes. */
    int pathMtuProbe(long sndNxt, int datagramSize) {
        Header h = header(Flags.PATH_MTU, sndNxt);
        headerOnly(new Packet.Probe(h, datagramSize - PacketCodec.MIN_DATAGRAM), sndNxt);
        return h.timestamp();
    }

    /**
     * The answer to the peer's path MTU probe whose TSval was {@code probeTimestamp}: an ACK with
     * flag PATH_MTU echoing it. It settles nothing the ACK policy owes: its echo is the probe's.
     */
    void pathMtuAnswer(long sndNxt, List<SeqRange> sacks, int probeTimestamp) {
        Header h = new Header(Flags.PATH_MTU, ids.remoteId(), ids.localId(), ids.ours().wire(sndNxt),
            ids.peers().wire(stream.rcvNxt()), window.advertise(), WireTime.micros(now), probeTimestamp);
        headerOnly(new Packet.Ack(h, sacks), sndNxt);
    }

    /** An RST (spec 13.2): no window, no echo. */
    void reset(long sndNxt, ResetReason reason) {
        Header h = new Header(0, ids.remoteId(), ids.localId(), ids.ours().wire(sndNxt), ids.peers().wire(stream.rcvNxt()),
            0, WireTime.micros(now), 0);
        headerOnly(new Packet.Rst(h, reason), sndNxt);
    }

    private Header header(int flags, long seqOffset) {
        return new Header(flags, ids.remoteId(), ids.localId(), ids.ours().wire(seqOffset),
            ids.peers().wire(stream.rcvNxt()), window.advertise(), WireTime.micros(now), acks.echoTimestamp());
    }

    private void headerOnly(Packet p, long sndNxt) {
        PacketCodec.encode(p, slot.open(remote));
        emit(p.type().name(), sndNxt, 0, false);
    }

    private void emit(String type, long offset, int length, boolean again) {
        trace.packetSent(now, type, offset, length, again);
        packetsSent++;
        slot.send(remote);
    }
}
