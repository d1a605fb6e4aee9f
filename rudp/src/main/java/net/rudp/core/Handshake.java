package net.rudp.core;

import net.rudp.ConnectionConfig;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.ResetReason;

/**
 * One side's three-way handshake (spec 8): sends the SYN or SYN_ACK and again on the doubling
 * retry timer, gives up on the connect timer, judges what the peer answers, and learns from it
 * the peer's id, ISN, window and largest payload (which settles the segment size both halves use).
 *
 * <p>A server's SYN_ACKs go to an address that has not proved it is there, so they are held to
 * the anti-amplification limit (spec 18, RFC 9000 8.1): at most {@value #AMPLIFICATION_LIMIT}
 * times the bytes received from it, retransmissions included.
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
        /** An acceptable RST ended the handshake: {@link #failure()} says what the application is told. */
        FAILED,
        /** The third packet did not acknowledge our ISN: RST(PROTOCOL_VIOLATION) (RFC 6528's cookie). */
        VIOLATION
    }

    /** RFC 9000 8.1: "an endpoint MUST limit the amount of data it sends to the unvalidated address to three times". */
    static final int AMPLIFICATION_LIMIT = 3;

    private final boolean client;
    private final ConnectionConfig config;
    private final TimerTable timers;
    private final WireIds ids;
    private final SendBuffer buffer;
    private final ReceiveWindow window;
    private final Sender sender;
    private final AckPolicy acks;
    /** The bytes of a SYN and of a SYN_ACK: longer in the authenticated mode (spec/AUTHENTICATED.md 3). */
    private final int synBytes;
    private final int synAckBytes;
    private int segmentSize;
    private int tries;
    private boolean due = true;
    private boolean byCookie;
    private long bytesFromPeer;
    private long bytesToPeer;
    private ConnectionError failure;

    Handshake(boolean client, ConnectionConfig config, TimerTable timers, WireIds ids, SendBuffer buffer,
              ReceiveWindow window, Sender sender, AckPolicy acks, long now) {
        this.client = client;
        this.config = config;
        this.timers = timers;
        this.ids = ids;
        this.buffer = buffer;
        this.window = window;
        this.sender = sender;
        this.acks = acks;
        this.segmentSize = config.maxPayload();
        boolean sealed = config.authentication() != null;
        this.synBytes = sealed ? SealedConnection.SYN_BYTES : PacketCodec.SYN_BYTES;
        this.synAckBytes = sealed ? SealedConnection.SYN_ACK_BYTES : PacketCodec.SYN_BYTES;
        timers.set(Timer.HANDSHAKE_RETRY, now + config.initialRtoNanos());
        timers.set(Timer.CONNECT, now + config.connectTimeoutNanos());
    }

    /** The segment size: our largest payload, then the smaller of both sides' once the peer's is known. */
    int segmentSize() {
        return segmentSize;
    }

    /** Why an RST ended the handshake ({@link Outcome#FAILED}), or null. */
    ConnectionError failure() {
        return failure;
    }

    /** Whether the call was accepted by cookie (spec 8.3): a COOKIE SYN_ACK (client), or a first packet that checked (server). */
    boolean byCookie() {
        return byCookie;
    }

    /** Whether the SYN or SYN_ACK was sent more than once. */
    boolean retried() {
        return tries > 0;
    }

    /**
     * Whether the echo in the packet that completes the handshake measures a round trip. In the
     * authenticated mode a resent SYN or SYN_ACK repeats the first one's bytes, TSval included
     * (spec/AUTHENTICATED.md 3), so after a retry the echo may be the first send's: Karn's rule
     * discards the sample.
     */
    boolean echoMeasuresRtt() {
        return synBytes == PacketCodec.SYN_BYTES || !retried();
    }

    /**
     * A server's call from {@code syn}. A call accepted by cookie ({@code byCookie}, spec 8.3) has
     * had its SYN_ACK already, sent without state: none goes out again, and the packet that
     * completes it is acknowledged at once, so that a client resending it (8.1 rule 8) stops.
     */
    void answerCall(Packet.Syn syn, boolean byCookie) {
        learnPeer(syn.header(), syn.maxPayload());
        bytesFromPeer += synBytes;
        this.byCookie = byCookie;
        if (byCookie) {
            due = false;
            timers.stop(Timer.HANDSHAKE_RETRY);
        }
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
                byCookie = (h.flags() & Flags.COOKIE) != 0;
                yield completed(h);
            }
            // A refusal says why (spec 2.3); any other RST during the call is a reset.
            case Packet.Rst r -> failed(switch (r.reason()) {
                case REFUSED, CONNECTION_LIMIT -> ConnectionError.of(r);
                default -> ConnectionError.RESET;
            });
            default -> Outcome.PENDING;
        };
    }

    /** The server's view (CALL_RECEIVED, spec 8.2): the third packet must acknowledge exactly our ISN + 1. */
    Outcome onPacketWhileAccepting(Packet p) {
        Header h = p.header();
        if (p instanceof Packet.Syn) {
            bytesFromPeer += synBytes;
            due = true;
            return Outcome.RESEND;
        }
        if (p instanceof Packet.Rst) return h.seq() == ids.peers().wire(1) ? failed(ConnectionError.RESET) : Outcome.PENDING;
        if (h.ack() != ids.ours().wire(1)) return Outcome.VIOLATION;
        return completed(h);
    }

    /** The handshake completed with {@code h}; the client (or a cookie call's server) acknowledges it at once. */
    private Outcome completed(Header h) {
        timers.stop(Timer.HANDSHAKE_RETRY);
        timers.stop(Timer.CONNECT);
        if (client || byCookie) acks.ackNow(AckReason.HANDSHAKE_COMPLETE, h.timestamp());
        return Outcome.COMPLETE;
    }

    private Outcome failed(ConnectionError why) {
        failure = why;
        return Outcome.FAILED;
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

    /** Sends the SYN or SYN_ACK if one is due and, for a SYN_ACK, within the amplification limit. */
    void flush(PacketWriter writer) {
        if (!due) return;
        due = false;
        if (client) {
            writer.syn(retried());
        } else if (bytesToPeer + synAckBytes <= AMPLIFICATION_LIMIT * bytesFromPeer) {
            bytesToPeer += synAckBytes;
            writer.synAck(retried());
        }
    }
}
