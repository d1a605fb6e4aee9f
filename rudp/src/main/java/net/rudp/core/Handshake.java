package net.rudp.core;

import net.rudp.ConnectionConfig;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.ResetReason;

/**
 * One side's three-way handshake (spec 8): sends the SYN or SYN_ACK and again on the doubling
 * retry timer, gives up on the connect timer, judges what the peer answers, and learns from it
 * the peer's id, ISN, window and largest payload (which settles the segment size both halves use).
 */
final class Handshake {
    /** What a packet did to the handshake. */
    enum Outcome {
        /** Nothing: the handshake goes on. */
        PENDING,
        /** The peer's SYN came again: our SYN_ACK was lost and goes out again. */
        RESEND,
        /** The handshake is complete: the connection is established. */
        COMPLETE,
        /** An RST answered the call with REFUSED. */
        REFUSED,
        /** An RST answered the call with CONNECTION_LIMIT: the server holds as many connections as it may. */
        AT_CONNECTION_LIMIT,
        /** An acceptable RST ended the handshake. */
        RESET,
        /** The third packet did not acknowledge our ISN: RST(PROTOCOL_VIOLATION) (RFC 6528's cookie). */
        VIOLATION
    }

    private final boolean client;
    private final ConnectionConfig config;
    private final TimerTable timers;
    private final WireIds ids;
    private final SendBuffer buffer;
    private final ReceiveWindow window;
    private final Sender sender;
    private int segmentSize;
    private int tries;
    private boolean due = true;

    Handshake(boolean client, ConnectionConfig config, TimerTable timers, WireIds ids, SendBuffer buffer,
              ReceiveWindow window, Sender sender, long now) {
        this.client = client;
        this.config = config;
        this.timers = timers;
        this.ids = ids;
        this.buffer = buffer;
        this.window = window;
        this.sender = sender;
        this.segmentSize = config.maxPayload();
        timers.set(Timer.HANDSHAKE_RETRY, now + config.initialRtoNanos());
        timers.set(Timer.CONNECT, now + config.connectTimeoutNanos());
    }

    /** The segment size: our largest payload, then the smaller of both sides' once the peer's is known. */
    int segmentSize() {
        return segmentSize;
    }

    /** Whether the SYN or SYN_ACK was sent more than once. */
    boolean retried() {
        return tries > 0;
    }

    /**
     * The peer's SYN or SYN_ACK ({@code h}) named its id and ISN, opened its window, and said the
     * largest payload it takes: segments are the smaller of both sides'.
     */
    void learnPeer(Header h, int peerMaxPayload) {
        ids.learnPeer(h.srcConnId(), h.seq());
        buffer.peerWindow(1 + Integer.toUnsignedLong(h.window()));
        segmentSize = Math.min(segmentSize, peerMaxPayload);
        window.segmentSize(segmentSize);
        sender.segmentSize(segmentSize);
    }

    /** The client's view (CALL_SENT, spec 8.1): a SYN_ACK or RST counts only if it acknowledges our ISN. */
    Outcome onPacketWhileCalling(Packet p) {
        Header h = p.header();
        if (h.ack() != ids.ours().wire(1)) return Outcome.PENDING;
        return switch (p) {
            case Packet.SynAck sa -> {
                learnPeer(h, sa.maxPayload());
                yield completed();
            }
            case Packet.Rst r -> switch (r.reason()) {
                case REFUSED -> Outcome.REFUSED;
                case CONNECTION_LIMIT -> Outcome.AT_CONNECTION_LIMIT;
                default -> Outcome.RESET;
            };
            default -> Outcome.PENDING;
        };
    }

    /** The server's view (CALL_RECEIVED, spec 8.2): the third packet must acknowledge exactly our ISN + 1. */
    Outcome onPacketWhileAccepting(Packet p) {
        Header h = p.header();
        if (p instanceof Packet.Syn) {
            due = true;
            return Outcome.RESEND;
        }
        if (p instanceof Packet.Rst) return h.seq() == ids.peers().wire(1) ? Outcome.RESET : Outcome.PENDING;
        if (h.ack() != ids.ours().wire(1)) return Outcome.VIOLATION;
        return completed();
    }

    private Outcome completed() {
        timers.stop(Timer.HANDSHAKE_RETRY);
        timers.stop(Timer.CONNECT);
        return Outcome.COMPLETE;
    }

    /**
     * A handshake timer fired at {@code now}: returns false when the connect timer gave up;
     * otherwise the retry timer resends and doubles (up to {@value TimerTable#MAX_BACKOFF_SHIFT} times).
     */
    boolean onTimeout(long now) {
        if (timers.hasExpired(Timer.CONNECT, now)) return false;
        if (timers.hasExpired(Timer.HANDSHAKE_RETRY, now)) {
            tries++;
            due = true;
            timers.set(Timer.HANDSHAKE_RETRY, now + (config.initialRtoNanos() << Math.min(tries, TimerTable.MAX_BACKOFF_SHIFT)));
        }
        return true;
    }

    /** Sends the SYN or SYN_ACK if one is due. */
    void flush(PacketWriter writer) {
        if (!due) return;
        due = false;
        if (client) writer.syn(retried());
        else writer.synAck(retried());
    }
}
