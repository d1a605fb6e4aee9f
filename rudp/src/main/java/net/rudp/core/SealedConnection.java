package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import net.rudp.Authentication;
import net.rudp.seal.KeySchedule;
import net.rudp.seal.PacketOpener;
import net.rudp.seal.PacketSealer;
import net.rudp.seal.X25519;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.PacketType;
import net.rudp.wire.ResetReason;

/**
 * One connection's side of the authenticated mode (spec/AUTHENTICATED.md 3 to 5), between its
 * {@link Connection} and the endpoint: the connection reads and writes plain packets, and this
 * stage turns them into the wire's and back.
 *
 * <p><b>Sending</b> (as the {@link DatagramSink} the connection flushes into): the client's first
 * SYN gets flag AUTH, the suite and its ephemeral key; the server's first SYN_ACK gets AUTH, its
 * ephemeral key and a tag under the keys it then derives; every resend repeats those bytes, since
 * the transcript covers them. Every other packet is sealed with the next packet number; before
 * the keys exist (a client's abort during its call) nothing can be sealed and nothing is sent.
 *
 * <p><b>Receiving</b> ({@link #open}): a packet reaches the connection only once it opened. The
 * client derives its keys from the first SYN_ACK that acknowledges its call and opens them; until
 * then only an unsealed refusal (RST REFUSED or CONNECTION_LIMIT) passes (spec 5's exception).
 * Afterwards the same SYN_ACK may come again (the server's resend when the client's ACK was lost)
 * until the server's first sealed packet shows it is established; anything else is opened or dropped.
 */
final class SealedConnection implements DatagramSink {
    /** Bytes of an AUTH SYN: a SYN, the suite, the client's ephemeral key (spec 3: 71). */
    static final int SYN_BYTES = PacketCodec.SYN_BYTES + 1 + X25519.KEY_BYTES;
    /** Bytes of an AUTH SYN_ACK: a SYN_ACK, the server's ephemeral key, the sealing trailer (spec 3: 90). */
    static final int SYN_ACK_BYTES = PacketCodec.SYN_BYTES + X25519.KEY_BYTES + Authentication.OVERHEAD;
    /** Where a plain SYN's or SYN_ACK's body ends: the AUTH SYN's suite byte, the AUTH SYN_ACK's E_s. */
    static final int CALL_BODY_END = Header.BYTES + 2;
    private static final int SYN_ACK_CLEAR_END = CALL_BODY_END + X25519.KEY_BYTES;
    private static final int SEQ_AT = 12;
    private static final int ACK_AT = 16;

    private final Authentication auth;
    private final boolean client;
    private final EndpointCounters counters;
    /** The endpoint's buffer where every outgoing datagram is sealed (one flush at a time). */
    private final byte[] sealing;
    private final ByteBuffer sealingView;
    private final byte[] ephemeralPublic;
    private byte[] ephemeralPrivate;
    /** The SYN as sent (client) or received (server), and the SYN_ACK as sent (server) or accepted (client). */
    private byte[] syn;
    private byte[] synAck;
    private PacketSealer sealer;
    private PacketOpener opener;
    /** A sealed packet of the peer opened: its side of the handshake is over. */
    private boolean peerSealed;
    /** Client: a SYN_ACK for this call came that did not authenticate. */
    private boolean unauthenticatedAnswer;
    /** Server: the client's key was low-order (RFC 7748 6.1): no SYN_ACK can go out. */
    private boolean callUnusable;
    private DatagramSink downstream;

    private SealedConnection(Authentication auth, boolean client, X25519.RawKeyPair ephemeral, byte[] syn,
                             EndpointCounters counters, byte[] sealing) {
        this.auth = auth;
        this.client = client;
        this.ephemeralPrivate = ephemeral.privateKey();
        this.ephemeralPublic = ephemeral.publicKey();
        this.syn = syn;
        this.counters = counters;
        this.sealing = sealing;
        this.sealingView = ByteBuffer.wrap(sealing);
    }

    /** A client's stage: its SYN goes out with {@code ephemeral}'s public key. */
    static SealedConnection calling(Authentication auth, X25519.RawKeyPair ephemeral, EndpointCounters counters, byte[] sealing) {
        return new SealedConnection(auth, true, ephemeral, null, counters, sealing);
    }

    /** A server's stage for the AUTH SYN {@code syn} (its bytes as received, a copy this keeps). */
    static SealedConnection answering(Authentication auth, X25519.RawKeyPair ephemeral, byte[] syn,
                                      EndpointCounters counters, byte[] sealing) {
        return new SealedConnection(auth, false, ephemeral, syn, counters, sealing);
    }

    /** Server: whether {@code call} is the SYN this connection answers, byte for byte (spec 3: resends are identical). */
    boolean isCall(byte[] call) {
        return Arrays.equals(syn, call);
    }

    /** Client: whether only SYN_ACKs that did not authenticate have answered the call so far. */
    boolean answeredUnauthenticated() {
        return unauthenticatedAnswer && opener == null;
    }

    // ---------------------------------------------------------------- sending

    /** This stage, sealing into {@code sink} until the next call. */
    DatagramSink sealingInto(DatagramSink sink) {
        downstream = sink;
        return this;
    }

    @Override
    public void send(InetSocketAddress to, ByteBuffer datagram) {
        int length = datagram.remaining();
        datagram.get(datagram.position(), sealing, 0, length);
        byte[] fixed = handshakeBytes(sealing[1]);
        if (fixed != null) {
            System.arraycopy(fixed, 0, sealing, 0, fixed.length);
            length = fixed.length;
        } else if (sealer != null && !isHandshake(sealing[1])) {
            length = sealer.seal(sealing, Header.BYTES, length - PacketCodec.CHECKSUM_BYTES);
        } else {
            return; // nothing to seal with (yet): the peer could not open it
        }
        downstream.send(to, sealingView.clear().limit(length));
    }

    /** The SYN or SYN_ACK this side sends for a plain one of {@code type}: made once, then repeated; else null. */
    private byte[] handshakeBytes(byte type) {
        if (client && type == PacketType.SYN.code) {
            if (syn == null) syn = authenticatedSyn();
            return syn;
        }
        if (!client && type == PacketType.SYN_ACK.code) {
            if (synAck == null && !callUnusable) synAck = authenticatedSynAck();
            return synAck;
        }
        return null;
    }

    private static boolean isHandshake(byte type) {
        return type == PacketType.SYN.code || type == PacketType.SYN_ACK.code;
    }

    /** Spec 3: the plain SYN in the sealing buffer with flag AUTH, the suite and E_c. */
    private byte[] authenticatedSyn() {
        byte[] d = Arrays.copyOf(sealing, SYN_BYTES);
        d[2] |= Flags.AUTH;
        d[CALL_BODY_END] = (byte) auth.suite().code;
        System.arraycopy(ephemeralPublic, 0, d, CALL_BODY_END + 1, X25519.KEY_BYTES);
        PacketCodec.putChecksum(ByteBuffer.wrap(d), 0, SYN_BYTES - PacketCodec.CHECKSUM_BYTES);
        return d;
    }

    /**
     * Spec 3: the plain SYN_ACK in the sealing buffer with flag AUTH and E_s, the transcript's
     * keys derived, and the trailer sealed as packet number 0 with nothing encrypted; null if the
     * client's key is low-order.
     */
    private byte[] authenticatedSynAck() {
        byte[] d = Arrays.copyOf(sealing, SYN_ACK_BYTES);
        d[2] |= Flags.AUTH;
        System.arraycopy(ephemeralPublic, 0, d, CALL_BODY_END, X25519.KEY_BYTES);
        byte[] clientKey = Arrays.copyOfRange(syn, CALL_BODY_END + 1, CALL_BODY_END + 1 + X25519.KEY_BYTES);
        KeySchedule.TrafficKeys keys;
        try {
            keys = KeySchedule.server(auth.suite(), auth.preSharedKey(), ephemeralPrivate, auth.serverPrivateKey(), clientKey,
                KeySchedule.transcriptHash(syn, syn.length, d, SYN_ACK_CLEAR_END));
        } catch (IllegalArgumentException lowOrder) {
            callUnusable = true;
            counters.unauthenticated(false);
            return null;
        }
        PacketSealer s2c = new PacketSealer(auth.suite(), keys.serverKey(), keys.serverIv(), 0);
        s2c.seal(d, SYN_ACK_CLEAR_END, SYN_ACK_CLEAR_END);
        useKeys(s2c, new PacketOpener(auth.suite(), keys.clientKey(), keys.clientIv()));
        return d;
    }

    private void useKeys(PacketSealer s, PacketOpener o) {
        sealer = s;
        opener = o;
        ephemeralPrivate = null; // forward secrecy: the ephemeral key is not needed again
    }

    // ---------------------------------------------------------------- receiving

    /**
     * The plain packet the datagram {@code d[0, length)} carries, once its checksum was found
     * good and its header routed it here; null if it is dropped (and counted). Decrypts in place:
     * a DATA payload returned is a view of {@code d}.
     */
    Packet open(byte[] d, int length) {
        byte type = d[1];
        if (client && type == PacketType.SYN_ACK.code) return onSynAck(d, length);
        if (opener == null) return client ? refusalOrNull(d, length) : drop(false);
        int end = opener.open(d, length, Header.BYTES);
        if (end < 0) return drop(PacketOpener.Failure.of(end) == PacketOpener.Failure.REPLAYED);
        ByteBuffer b = ByteBuffer.wrap(d);
        Packet p = decoded(b.limit(PacketCodec.putChecksum(b, 0, end)));
        if (p == null) return drop(false);
        peerSealed = true;
        return p;
    }

    /**
     * Client: a SYN_ACK. The first that acknowledges the call and opens gives the keys; one that
     * does not is dropped and remembered (the call then fails, {@link #answeredUnauthenticated()}).
     * Once keys exist, the accepted SYN_ACK again, as the server resends it, while no sealed
     * packet of the server has come.
     */
    private Packet onSynAck(byte[] d, int length) {
        byte[] got = Arrays.copyOf(d, length);
        if (opener != null) {
            if (!Arrays.equals(got, synAck)) return drop(false);
            return peerSealed ? drop(true) : plainCall(got);
        }
        if (getInt(got, ACK_AT) != getInt(syn, SEQ_AT) + 1) return drop(false); // not an answer to this call
        if (length != SYN_ACK_BYTES || (got[2] & Flags.AUTH) == 0) return unauthenticatedAnswer();
        KeySchedule.TrafficKeys keys;
        try {
            keys = KeySchedule.client(auth.suite(), auth.preSharedKey(), ephemeralPrivate, auth.serverPublicKey(),
                Arrays.copyOfRange(got, CALL_BODY_END, SYN_ACK_CLEAR_END), KeySchedule.transcriptHash(syn, syn.length, got, SYN_ACK_CLEAR_END));
        } catch (IllegalArgumentException lowOrder) {
            return unauthenticatedAnswer();
        }
        PacketOpener s2c = new PacketOpener(auth.suite(), keys.serverKey(), keys.serverIv());
        if (s2c.open(d, length, SYN_ACK_CLEAR_END) != SYN_ACK_CLEAR_END) return unauthenticatedAnswer();
        useKeys(new PacketSealer(auth.suite(), keys.clientKey(), keys.clientIv(), 0), s2c);
        synAck = got;
        return plainCall(got);
    }

    private Packet unauthenticatedAnswer() {
        unauthenticatedAnswer = true;
        return drop(false);
    }

    /** Spec 5's one exception: during the call, an unsealed RST that refuses it (as a dropped SYN would end it). */
    private Packet refusalOrNull(byte[] d, int length) {
        Packet p = decoded(ByteBuffer.wrap(d, 0, length));
        boolean refusal = p instanceof Packet.Rst r && (r.reason() == ResetReason.REFUSED || r.reason() == ResetReason.CONNECTION_LIMIT);
        return refusal ? p : drop(false);
    }

    private Packet drop(boolean replay) {
        counters.unauthenticated(replay);
        return null;
    }

    /**
     * The plain SYN or SYN_ACK inside an authenticated one ({@code d}, as on the wire): its header
     * without flag AUTH and its max payload, as plain rudp would have sent it; null if that is
     * no valid packet (a max payload below the minimum).
     */
    static Packet plainCall(byte[] d) {
        ByteBuffer plain = ByteBuffer.allocate(PacketCodec.SYN_BYTES).put(0, d, 0, CALL_BODY_END);
        plain.put(2, (byte) (d[2] & ~Flags.AUTH));
        PacketCodec.putChecksum(plain, 0, CALL_BODY_END);
        return decoded(plain);
    }

    private static Packet decoded(ByteBuffer datagram) {
        return PacketCodec.decode(datagram) instanceof DecodeResult.Ok ok ? ok.packet() : null;
    }

    private static int getInt(byte[] d, int at) {
        return ByteBuffer.wrap(d).getInt(at);
    }
}
