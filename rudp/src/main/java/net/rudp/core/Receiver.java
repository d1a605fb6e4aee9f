package net.rudp.core;

import java.nio.ByteBuffer;
import java.util.List;
import net.rudp.ConnectionConfig;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.SeqRange;

/**
 * The receiving half of a connection (spec 9.2-9.6, 10.3): takes the peer's DATA and FIN into
 * the reassembly, and decides and writes the ACKs and NACKs they call for.
 */
final class Receiver {
    private final WireIds ids;
    private final Reassembly stream;
    private final ReceiveWindow window;
    private final AckPolicy acks;
    private final NackPolicy nacks;
    /** The size of the datagrams we send: SACK blocks or NACK holes fill at most one (spec 2.5). */
    private final PathMtu pathMtu;
    /** The TSval of the peer's path MTU probe still to answer (spec 9.13); meaningful while {@link #probeAnswerDue}. */
    private int probeTimestamp;
    private boolean probeAnswerDue;
    /** The largest DATA payload received so far, at least the first segment size: "full-sized" for the NACK rule (spec 9.5). */
    private int largestPayload;

    Receiver(WireIds ids, ConnectionConfig config, ReceiveMemory memory, TimerTable timers, RttEstimator rtt, PathMtu pathMtu) {
        this.ids = ids;
        this.stream = new Reassembly(memory);
        this.window = new ReceiveWindow(stream, memory, config.receiveBufferSize(), config.maxPayload());
        this.acks = new AckPolicy(timers, config.delayedAckNanos());
        this.nacks = new NackPolicy(rtt, config.initialRtoNanos());
        this.pathMtu = pathMtu;
        this.largestPayload = PathMtu.initialSegmentSize(config);
    }

    Reassembly stream() {
        return stream;
    }

    ReceiveWindow window() {
        return window;
    }

    AckPolicy acks() {
        return acks;
    }

    NackPolicy nacks() {
        return nacks;
    }

    /** A wire sequence number of the peer's, as the 64-bit offset nearest RCV.NXT. */
    long offset(int wire) {
        return ids.peers().offset(wire, stream.rcvNxt());
    }

    /**
     * Blind-reset protection in the spirit of RFC 5961 3: only an RST whose sequence number falls
     * in the receive window is believed.
     */
    boolean believesReset(Header h) {
        long off = offset(h.seq());
        return off >= stream.rcvNxt() && off < Math.max(window.right(), stream.rcvNxt() + 1);
    }

    /** Whether DATA at {@code h} with {@code length} bytes reaches beyond what was received in order. */
    boolean extendsStream(Header h, int length) {
        return length > 0 && offset(h.seq()) + length > stream.rcvNxt();
    }

    /**
     * Takes a DATA packet's payload into the reassembly and settles what it calls for (spec 9.2,
     * 9.3); returns whether the in-order stream grew. Segments are {@code mss} long.
     */
    boolean onData(Header h, ByteBuffer payload, int mss, long now) {
        if ((h.flags() & Flags.ACK_NOW) != 0) acks.ackNow(AckReason.PEER_ASKED);
        if (!payload.hasRemaining()) return false;
        largestPayload = Math.max(largestPayload, payload.remaining());
        long start = offset(h.seq());
        switch (stream.accept(start, payload, window.right())) {
            case NOTHING_NEW -> acks.ackNow(AckReason.NOTHING_NEW, h.timestamp());
            case REFUSED -> {
                // Spec 10.5, as Linux does: refused in-order data draws an ACK with the window
                // left; refused out-of-order data is dropped silently (an ACK would change nothing).
                if (start <= stream.rcvNxt()) acks.ackNow(AckReason.NO_MEMORY, h.timestamp());
            }
            case OUT_OF_ORDER -> {
                acks.ackNow(AckReason.OUT_OF_ORDER, h.timestamp());
                nacks.onOutOfOrder(stream.bytesBeyondGap(), Math.min(mss, largestPayload), now);
            }
            case FILLED_GAP -> {
                acks.ackNow(AckReason.GAP_FILLED, h.timestamp());
                acks.onInOrderSegment(h.timestamp(), now);
                return true;
            }
            case IN_ORDER -> {
                acks.onInOrderSegment(h.timestamp(), now);
                return true;
            }
        }
        return false;
    }

    /** The connection ended: its received data leaves the endpoint's budget (spec 10.5). */
    void retire() {
        stream.retire();
    }

    /** The peer's FIN arrived: acknowledged at once, and believed where it may lie (spec 12.1). */
    void onFin(Header h) {
        acks.ackNow(AckReason.FIN_RECEIVED, h.timestamp());
        stream.onFin(offset(h.seq()), window.right());
    }

    /** If the in-order stream just reached the peer's FIN, consumes and acknowledges it; returns whether it did. */
    boolean consumeFin() {
        if (!stream.consumeFin()) return false;
        acks.ackNow(AckReason.END_OF_STREAM);
        return true;
    }

    /**
     * After the application read: whether the window grew enough to announce on its own (spec
     * 10.3); if so an ACK is owed.
     */
    boolean announceWindowIfWorthIt() {
        if (!window.updateWorthSending()) return false;
        acks.ackNow(AckReason.WINDOW_UPDATE);
        return true;
    }

    /** Sends the NACK that is due, if any, through {@code writer}; {@code sndNxt} is its sequence number. */
    void sendNackIfDue(PacketWriter writer, long sndNxt, long now) {
        if (!nacks.isDue()) return;
        int limit = nacks.rangeLimit(maxRanges());
        int flags = nacks.onSending(now);
        List<SeqRange> missing = AckRanges.missing(stream, limit, ids.peers());
        if (missing.isEmpty() && flags == 0) return;
        writer.nack(flags, sndNxt, missing);
    }

    /** Sends an ACK with SACK blocks through {@code writer}; {@code sndNxt} is its sequence number. */
    void sendAck(PacketWriter writer, long sndNxt) {
        writer.ack(sndNxt, AckRanges.sack(stream, maxRanges(), ids.peers()));
    }

    /** The peer's path MTU probe with TSval {@code timestamp} arrived: an answer is due at once (spec 9.13). */
    void onPathMtuProbe(int timestamp) {
        probeTimestamp = timestamp;
        probeAnswerDue = true;
    }

    /** Sends the answer to the peer's path MTU probe, if one is due: an ACK with flag PATH_MTU echoing the probe. */
    void sendPathMtuAnswerIfDue(PacketWriter writer, long sndNxt) {
        if (!probeAnswerDue) return;
        probeAnswerDue = false;
        writer.pathMtuAnswer(sndNxt, AckRanges.sack(stream, maxRanges(), ids.peers()), probeTimestamp);
    }

    private int maxRanges() {
        return PacketCodec.maxRanges(pathMtu.packetSize());
    }
}
