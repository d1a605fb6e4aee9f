package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import net.rudp.AeadSuite;
import net.rudp.Authentication;
import net.rudp.ConnectionConfig;
import net.rudp.seal.X25519;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.PacketType;

/**
 * An endpoint's receive path in the authenticated mode (spec/AUTHENTICATED.md 5): checks each
 * datagram's checksum, routes it by its cleartext header, and lets it reach a connection only
 * through that connection's {@link SealedConnection}, which opens it or drops it. Call requests
 * must be AUTH SYNs naming this endpoint's suite; anything else is refused (spec 1). It also gives
 * each connection its stage, with a fresh ephemeral key pair.
 *
 * <p>Datagrams are copied into one buffer of the endpoint's and opened there (the driver's may be
 * direct memory); connections read what they were given before the next datagram comes.
 */
final class SealingStage {
    private final Endpoint endpoint;
    private final Authentication auth;
    private final EndpointCounters counters;
    /** Ephemeral keys must be unpredictable whatever random source the endpoint was given. */
    private final SecureRandom random = new SecureRandom();
    private final byte[] received;
    private final ByteBuffer receivedView;
    private final byte[] sealing;

    SealingStage(Endpoint endpoint, ConnectionConfig config, EndpointCounters counters) {
        this.endpoint = endpoint;
        this.auth = config.authentication();
        this.counters = counters;
        this.received = new byte[config.maxDatagramSize()];
        this.receivedView = ByteBuffer.wrap(received);
        this.sealing = new byte[config.maxDatagramSize()];
    }

    /** Throws unless this configuration can answer calls: it needs the server's private key or a pre-shared key. */
    void checkCanServe() {
        if (!auth.canServe()) {
            throw new IllegalArgumentException("a server in the authenticated mode needs its private key or a pre-shared key: "
                + auth + " holds neither");
        }
    }

    /** A client connection's stage. */
    SealedConnection calling() {
        return SealedConnection.calling(auth, X25519.generate(random), counters, sealing);
    }

    /** A server connection's stage for the AUTH SYN {@code syn}. */
    SealedConnection answering(byte[] syn) {
        return SealedConnection.answering(auth, X25519.generate(random), syn, counters, sealing);
    }

    /** Handles one received datagram (its bytes from position to limit). */
    void receive(InetSocketAddress from, ByteBuffer datagram, long now) {
        int length = datagram.remaining();
        if (length < PacketCodec.MIN_DATAGRAM || length > received.length) {
            endpoint.undecodable(from, false, now);
            return;
        }
        datagram.get(datagram.position(), received, 0, length);
        ByteBuffer d = receivedView.clear().limit(length);
        if (!PacketCodec.checksumMatches(d, 0, length - PacketCodec.CHECKSUM_BYTES)) {
            endpoint.undecodable(from, true, now);
            return;
        }
        PacketType type = received[0] == PacketCodec.VERSION ? PacketType.of(received[1] & 0xFF) : null;
        if (type == null) {
            endpoint.undecodable(from, false, now);
            return;
        }
        Header h = PacketCodec.header(d, 0);
        if (type == PacketType.SYN) {
            onCall(from, length, now);
            return;
        }
        Connection c = endpoint.matching(from, h);
        if (c == null) {
            endpoint.unmatched(from, h, type == PacketType.RST, now);
            return;
        }
        Packet p = c.sealed.open(received, length);
        if (p != null) c.onPacket(p, now);
    }

    /** A call request: an AUTH SYN naming our suite goes on as a call with its bytes; any other SYN is refused (spec 1). */
    private void onCall(InetSocketAddress from, int length, long now) {
        Packet p = SealedConnection.plainCall(received);
        if (!(p instanceof Packet.Syn syn)) {
            endpoint.undecodable(from, false, now);
            return;
        }
        boolean authenticated = length == SealedConnection.SYN_BYTES && (received[2] & Flags.AUTH) != 0
            && AeadSuite.of(received[SealedConnection.CALL_BODY_END] & 0xFF) == auth.suite();
        endpoint.onSyn(from, syn, authenticated ? Arrays.copyOf(received, length) : null, now);
    }
}
