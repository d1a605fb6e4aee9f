package net.rudp.core;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import net.rudp.AeadSuite;
import net.rudp.Authentication;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionState;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.seal.X25519;
import net.rudp.sim.SimEvent;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.PacketType;
import net.rudp.wire.ResetReason;
import net.rudp.wire.VectorFile;
import org.junit.jupiter.api.Test;

/**
 * The authenticated mode between two sans-I/O endpoints, datagram by datagram
 * (spec/AUTHENTICATED.md 3 to 5): what goes on the wire, and what an on-path attacker's forged,
 * altered and replayed datagrams do (nothing, but count).
 */
class SealedConnectionTest {
    static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 4000);
    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.2", 5000);
    static final long MS = 1_000_000;
    static final byte[] SERVER_KEY = key(0x40);
    static final byte[] PSK = key(0x00);

    static byte[] key(int first) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) k[i] = (byte) (first + i);
        return k;
    }

    static ConnectionConfig config(Authentication a) {
        return ConnectionConfig.DEFAULT.withAuthentication(a);
    }

    /** Keeps the raw datagrams an endpoint sends. */
    static final class Wire implements DatagramSink {
        final List<byte[]> sent = new ArrayList<>();

        @Override
        public void send(InetSocketAddress to, ByteBuffer datagram) {
            byte[] d = new byte[datagram.remaining()];
            datagram.duplicate().get(d);
            sent.add(d);
        }

        List<byte[]> take() {
            List<byte[]> out = List.copyOf(sent);
            sent.clear();
            return out;
        }
    }

    /** A client and a server endpoint, and what each sent. */
    static final class Pair {
        final Endpoint server;
        final Endpoint client;
        final Wire fromServer = new Wire();
        final Wire fromClient = new Wire();

        Pair(Authentication clientAuth, Authentication serverAuth) {
            server = new Endpoint(SERVER, config(serverAuth), new SplittableRandom(7));
            client = new Endpoint(CLIENT, config(clientAuth), new SplittableRandom(8));
            server.listen(4);
        }

        List<byte[]> flushClient(long now) {
            client.flush(now, fromClient);
            return fromClient.take();
        }

        List<byte[]> flushServer(long now) {
            server.flush(now, fromServer);
            return fromServer.take();
        }

        void toServer(List<byte[]> datagrams, long now) {
            for (byte[] d : datagrams) server.receive(CLIENT, ByteBuffer.wrap(d.clone()), now);
        }

        void toClient(List<byte[]> datagrams, long now) {
            for (byte[] d : datagrams) client.receive(SERVER, ByteBuffer.wrap(d.clone()), now);
        }

        /** Runs the handshake; returns the client's connection, established, and the server's, accepted. */
        Connection[] handshake() {
            Connection c = client.connect(SERVER, 0);
            toServer(flushClient(0), 1 * MS);
            toClient(flushServer(1 * MS), 2 * MS);
            toServer(flushClient(2 * MS), 3 * MS);
            flushServer(3 * MS);
            return new Connection[] {c, server.accept()};
        }
    }

    final Pair t = new Pair(Authentication.pinnedServerKey(Authentication.publicKey(SERVER_KEY)), Authentication.serverKey(SERVER_KEY));

    static Packet plain(byte[] d) {
        return ((DecodeResult.Ok) PacketCodec.decode(ByteBuffer.wrap(d))).packet();
    }

    static void fixChecksum(byte[] d) {
        CRC32C crc = new CRC32C();
        crc.update(d, 0, d.length - 4);
        ByteBuffer.wrap(d).putInt(d.length - 4, (int) crc.getValue());
    }

    static String read(Connection c) {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        c.read(b);
        return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
    }

    @Test
    void theCallIsAnAuthSynAndTheAnswerASealedSynAckOfTheSpecsSizes() {
        t.client.connect(SERVER, 0);
        byte[] syn = t.flushClient(0).getFirst();
        assertEquals(71, syn.length);
        assertEquals(PacketType.SYN.code, syn[1]);
        assertEquals(Flags.AUTH, syn[2]);
        assertEquals(1142, ByteBuffer.wrap(syn).getShort(32), "the max payload is the datagram less 58 bytes");
        assertEquals(AeadSuite.CHACHA20_POLY1305.code, syn[34]);
        t.toServer(List.of(syn), 1 * MS);
        byte[] synAck = t.flushServer(1 * MS).getFirst();
        assertEquals(90, synAck.length);
        assertEquals(Flags.AUTH, synAck[2]);
        assertEquals(0, ByteBuffer.wrap(synAck).getInt(82), "the SYN_ACK is packet number 0 of the server's direction");
    }

    @Test
    void sealedDataReachesTheServerAndItsBytesAreNotOnTheWire() {
        Connection[] pair = t.handshake();
        assertEquals(ConnectionState.ESTABLISHED, pair[0].state());
        assertNotNull(pair[1], "the server accepted the connection");
        pair[0].write(ByteBuffer.wrap("attack at dawn".getBytes(StandardCharsets.US_ASCII)));
        List<byte[]> data = t.flushClient(10 * MS);
        assertEquals(1, data.size());
        assertEquals(38 + 14 + 20, data.getFirst().length, "a sealed DATA datagram is 38 + L + 20 bytes");
        assertFalse(new String(data.getFirst(), StandardCharsets.ISO_8859_1).contains("attack"), "the payload is encrypted");
        assertInstanceOf(DecodeResult.Error.class, PacketCodec.decode(ByteBuffer.wrap(data.getFirst())),
            "a plain receiver cannot read a sealed packet");
        t.toServer(data, 11 * MS);
        assertEquals("attack at dawn", read(pair[1]));
        assertEquals(1142, pair[0].maxSegmentSize());
    }

    @Test
    void resentCallsAndAnswersAreTheSameBytes() {
        t.client.connect(SERVER, 0);
        byte[] first = t.flushClient(0).getFirst();
        t.client.timeout(1_500 * MS);
        byte[] again = t.flushClient(1_500 * MS).getFirst();
        assertArrayEquals(first, again, "the transcript covers the SYN: a resend repeats it, TSval included");
        t.toServer(List.of(first), 1_501 * MS);
        byte[] answer = t.flushServer(1_501 * MS).getFirst();
        t.toServer(List.of(again), 1_502 * MS);
        assertArrayEquals(answer, t.flushServer(1_502 * MS).getFirst());
        byte[] altered = first.clone();
        altered[24] ^= 1; // another TSval: not the caller's SYN
        fixChecksum(altered);
        t.toServer(List.of(altered), 1_503 * MS);
        assertTrue(t.flushServer(1_503 * MS).isEmpty(), "a SYN that differs from the call's first is ignored");
    }

    @Test
    void alteredForgedAndReplayedPacketsAreDroppedBeforeTheConnectionAndCounted() {
        Connection[] pair = t.handshake();
        pair[0].write(ByteBuffer.wrap("one".getBytes(StandardCharsets.US_ASCII)));
        byte[] data = t.flushClient(10 * MS).getFirst();
        byte[] altered = data.clone();
        altered[40] ^= 0x20; // a payload bit, checksum made good again: only the tag catches it
        fixChecksum(altered);
        t.toServer(List.of(altered), 11 * MS);
        assertEquals(0, pair[1].readableBytes());
        assertEquals(1, t.server.counters().forgeriesDropped());
        t.toServer(List.of(data), 12 * MS);
        assertEquals("one", read(pair[1]));
        t.toServer(List.of(data), 13 * MS);
        assertEquals(1, t.server.counters().replaysDropped(), "the same datagram twice is a replay");
        assertEquals(0, pair[1].readableBytes());

        // A forged plain DATA ahead of the stream, and a plain RST at the exact sequence number.
        Header ahead = new Header(0, pair[1].localId(), pair[0].localId(), 0, 0, 65536, 0, 0);
        byte[] garbage = new byte[100];
        Arrays.fill(garbage, (byte) 0x5A); // its last bytes, read as a packet number, are fresh: the tag is what fails
        t.toServer(List.of(Captured.bytes(new Packet.Data(ahead, ByteBuffer.wrap(garbage))).array()), 14 * MS);
        byte[] fromServerNow = flushServerAck(pair);
        Header h = plainHeader(fromServerNow);
        Header rst = new Header(0, pair[0].localId(), pair[1].localId(), h.seq(), h.ack(), 0, 0, 0);
        t.toClient(List.of(Captured.bytes(new Packet.Rst(rst, ResetReason.ABORT)).array()), 20 * MS);
        assertEquals(ConnectionState.ESTABLISHED, pair[0].state(), "an unsealed RST cannot reset an authenticated connection");
        assertEquals(ConnectionState.ESTABLISHED, pair[1].state());
        assertEquals(2, t.server.counters().forgeriesDropped());
        assertEquals(1, t.client.counters().forgeriesDropped());
        assertEquals(3, t.server.counters().snapshot(0).unauthenticated());
    }

    /** The server's next packet (its ACK), as sealed on the wire. */
    private byte[] flushServerAck(Connection[] pair) {
        t.server.timeout(100 * MS);
        List<byte[]> out = t.flushServer(100 * MS);
        assertFalse(out.isEmpty(), "the server acknowledges what it read");
        return out.getLast();
    }

    private static Header plainHeader(byte[] d) {
        return PacketCodec.header(ByteBuffer.wrap(d), 0);
    }

    @Test
    void plainCallsAndCallsWithAnotherSuiteAreRefused() {
        Packet.Syn plainSyn = new Packet.Syn(new Header(0, 0, 11, 1000, 0, 65536, 1000, 0), 1142);
        t.server.receive(CLIENT, Captured.bytes(plainSyn), 0);
        Packet.Rst rst = (Packet.Rst) plain(t.flushServer(0).getFirst());
        assertEquals(ResetReason.REFUSED, rst.reason());
        assertEquals(1001, rst.header().ack(), "the refusal acknowledges the call, so the caller can trust it");

        Endpoint aes = new Endpoint(CLIENT, config(Authentication.serverKey(SERVER_KEY).withSuite(AeadSuite.AES_256_GCM)),
            new SplittableRandom(9));
        Connection c = aes.connect(SERVER, 0);
        aes.flush(0, t.fromClient);
        t.toServer(t.fromClient.take(), 1 * MS);
        List<byte[]> answer = t.flushServer(1 * MS);
        assertEquals(ResetReason.REFUSED, ((Packet.Rst) plain(answer.getFirst())).reason());
        for (byte[] d : answer) aes.receive(SERVER, ByteBuffer.wrap(d), 2 * MS);
        assertEquals(ConnectionError.REFUSED, c.error(), "the unsealed refusal of the call is the one unsealed packet accepted");
        assertEquals(0, t.server.connectionCount());
    }

    @Test
    void aServerWithAnotherKeyDoesNotAuthenticateAndTheCallFailsAtItsNextRetry() {
        Pair wrong = new Pair(Authentication.pinnedServerKey(Authentication.publicKey(key(0x41))),
            Authentication.serverKey(SERVER_KEY));
        assertCallFailsUnauthenticated(wrong);
        Pair otherPsk = new Pair(Authentication.preShared(key(1)), Authentication.preShared(PSK));
        assertCallFailsUnauthenticated(otherPsk);
    }

    private static void assertCallFailsUnauthenticated(Pair t) {
        Connection c = t.client.connect(SERVER, 0);
        t.toServer(t.flushClient(0), 1 * MS);
        t.toClient(t.flushServer(1 * MS), 2 * MS);
        assertEquals(ConnectionState.CALL_SENT, c.state(), "the SYN_ACK that did not open is dropped");
        assertEquals(1, t.client.counters().forgeriesDropped());
        t.client.timeout(t.client.nextDeadline());
        assertEquals(ConnectionError.NOT_AUTHENTICATED, c.error());
        assertEquals("connection refused: the server did not authenticate", c.error().message);
        assertTrue(t.flushClient(2_000 * MS).isEmpty(), "nothing more is sent: no fallback to plain rudp");
    }

    @Test
    void anAlteredCallLeavesTheSidesWithDifferentKeys() {
        Connection c = t.client.connect(SERVER, 0);
        byte[] syn = t.flushClient(0).getFirst();
        syn[20] ^= 0x40; // the window, on its way: the server answers, but its transcript is not the client's
        fixChecksum(syn);
        t.toServer(List.of(syn), 1 * MS);
        t.toClient(t.flushServer(1 * MS), 2 * MS);
        assertEquals(ConnectionState.CALL_SENT, c.state());
        assertEquals(1, t.client.counters().forgeriesDropped());
    }

    @Test
    void aPreSharedKeyAloneAuthenticatesBothSides() {
        Pair psk = new Pair(Authentication.preShared(PSK), Authentication.preShared(PSK));
        Connection[] pair = psk.handshake();
        assertEquals(ConnectionState.ESTABLISHED, pair[0].state());
        assertEquals(ConnectionState.ESTABLISHED, pair[1].state());
    }

    @Test
    void theServersResentSynAckIsAnsweredUntilItsFirstSealedPacket() {
        Connection c = t.client.connect(SERVER, 0);
        t.toServer(t.flushClient(0), 1 * MS);
        byte[] synAck = t.flushServer(1 * MS).getFirst();
        t.toClient(List.of(synAck), 2 * MS);
        t.flushClient(2 * MS); // the client's ACK is lost
        t.toClient(List.of(synAck), 1_000 * MS);
        List<byte[]> reAck = t.flushClient(1_000 * MS);
        assertEquals(1, reAck.size(), "the server's resend of its SYN_ACK draws an ACK");
        t.toServer(reAck, 1_001 * MS);
        Connection accepted = t.server.accept();
        assertNotNull(accepted);
        accepted.write(ByteBuffer.wrap(new byte[] {1}));
        t.toClient(t.flushServer(1_002 * MS), 1_003 * MS);
        t.flushClient(1_003 * MS);
        t.toClient(List.of(synAck), 1_004 * MS);
        assertTrue(t.flushClient(1_004 * MS).isEmpty(), "once the server has sealed, its SYN_ACK again is a replay");
        assertEquals(1, t.client.counters().replaysDropped());
        assertEquals(ConnectionState.ESTABLISHED, c.state());
    }

    /** The plain SYN or SYN_ACK inside an authenticated one: what the connection hands its stage. */
    private static byte[] plainOf(byte[] authenticated) {
        Packet p = SealedConnection.plainCall(authenticated);
        return Captured.bytes(p).array();
    }

    @Test
    void theStagesPutTheVectorsHandshakeOnTheWire() {
        VectorFile.Vector v = VectorFile.read("sealed.txt").getFirst();
        HexFormat hex = HexFormat.of();
        byte[] syn = hex.parseHex(v.get("syn")), synAck = hex.parseHex(v.get("syn_ack"));
        Authentication clientAuth = Authentication.pinnedServerKey(hex.parseHex(v.get("server_static_public")))
            .withPreSharedKey(hex.parseHex(v.get("psk")));
        Authentication serverAuth = Authentication.serverKey(hex.parseHex(v.get("server_static_private")))
            .withPreSharedKey(hex.parseHex(v.get("psk")));
        var clientEphemeral = new X25519.RawKeyPair(hex.parseHex(v.get("client_ephemeral_private")),
            hex.parseHex(v.get("client_ephemeral_public")));
        var serverEphemeral = new X25519.RawKeyPair(hex.parseHex(v.get("server_ephemeral_private")),
            hex.parseHex(v.get("server_ephemeral_public")));
        Wire wire = new Wire();
        SealedConnection calling = SealedConnection.calling(clientAuth, clientEphemeral, new EndpointCounters(), new byte[1200]);
        calling.sealingInto(wire).send(SERVER, ByteBuffer.wrap(plainOf(syn)));
        assertArrayEquals(syn, wire.take().getFirst());
        SealedConnection answering = SealedConnection.answering(serverAuth, serverEphemeral, syn, new EndpointCounters(), new byte[1200]);
        answering.sealingInto(wire).send(CLIENT, ByteBuffer.wrap(plainOf(synAck)));
        assertArrayEquals(synAck, wire.take().getFirst());
        assertInstanceOf(Packet.SynAck.class, calling.open(synAck.clone(), synAck.length), "the client opens the vector's SYN_ACK");
        VectorFile.Vector data = VectorFile.read("sealed.txt").get(1);
        byte[] plain = hex.parseHex(data.get("plain"));
        ByteBuffer withChecksum = ByteBuffer.allocate(plain.length + 4).put(plain).flip().limit(plain.length + 4);
        PacketCodec.putChecksum(withChecksum, 0, plain.length);
        calling.send(SERVER, withChecksum);
        assertArrayEquals(hex.parseHex(data.get("sealed")), wire.take().getFirst(), "the client's first packet is the vector's");
    }

    @Test
    void aTransferThroughLossReorderingDuplicationAndCorruptionCompletesIntact() {
        ImpairmentProfile rough = ImpairmentProfile.NONE.withDelay(20 * MS, 2 * MS).withLoss(0.02)
            .withReordering(0.05, 10 * MS).withDuplication(0.02).withCorruption(0.01);
        ConnectionConfig both = config(Authentication.preShared(PSK).withSuite(AeadSuite.AES_256_GCM));
        Transfer t = new Transfer(new Transfer.Spec(2 << 20, 1 << 19, 50_000, 50_000, 0), both, rough, rough, 31, null);
        t.run(600_000 * MS);
        assertTrue(t.finished(), "both directions complete");
        assertArrayEquals(t.clientPayload, t.serverApp().received());
        assertArrayEquals(t.serverPayload, t.clientApp.received());
        assertTrue(t.server.endpoint.counters().replaysDropped() > 0, "duplicated datagrams are replays, dropped unopened");
        assertEquals(0, t.server.endpoint.counters().forgeriesDropped(), "nothing on the path forges");
        assertTrue(t.server.endpoint.decodeErrors() > 0, "corrupt datagrams fail their checksum before any cryptography");
    }

    @Test
    void pathMtuProbesAreSealedIntoDatagramsOfTheSizeUnderTest() {
        int pathMtu = 1_472;
        ConnectionConfig sealed = config(Authentication.preShared(PSK)).toBuilder().maxDatagramSize(9_000).pathMtuDiscovery(true).build();
        ImpairmentProfile link = ImpairmentProfile.NONE.withDelay(10 * MS, 0).withRate(2_000_000, 1_000 * MS); // long enough for the search
        Transfer t = new Transfer(new Transfer.Spec(4 << 20, 0, 1 << 16, 1 << 16, 0), sealed, link, link, 31, null);
        List<Integer> sizes = new ArrayList<>();
        t.net.setTrace((now, event, from, to, datagram) -> {
            if (event == SimEvent.SENT && from.equals(Transfer.CLIENT)) sizes.add(datagram.remaining());
        });
        t.net.setMtus(Transfer.CLIENT, Transfer.SERVER, pathMtu);
        t.run(600_000 * MS);
        assertTrue(t.finished());
        assertArrayEquals(t.clientPayload, t.serverApp().received());
        assertEquals(pathMtu, t.clientApp.connection().stats().datagramSize(), "the search found the path's size, sealing included");
        assertTrue(t.net.droppedTooBig() > 0, "larger probes were dropped on the way");
        assertEquals(0, t.server.endpoint.counters().forgeriesDropped(), "every probe opened: sealed within its size");
        assertTrue(sizes.contains(pathMtu), "datagrams of the path's size went out");
    }

    @Test
    void ephemeralKeysAloneAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new Authentication(AeadSuite.CHACHA20_POLY1305, null, null, null));
        assertTrue(e.getMessage().contains("pinned server key or a pre-shared key"), e.getMessage());
        Endpoint pinnedOnly = new Endpoint(SERVER, config(Authentication.pinnedServerKey(Authentication.publicKey(SERVER_KEY))),
            new SplittableRandom(1));
        assertThrows(IllegalArgumentException.class, () -> pinnedOnly.listen(4), "a server without its private key cannot answer");
        assertThrows(IllegalArgumentException.class, () -> Authentication.preShared(new byte[16]));
    }

    @Test
    void theConfigurationShowsNoKeysAndComparesThem() {
        Authentication a = Authentication.serverKey(SERVER_KEY).withPreSharedKey(PSK);
        assertEquals(a, Authentication.serverKey(SERVER_KEY.clone()).withPreSharedKey(PSK.clone()));
        assertNotEquals(a, Authentication.serverKey(SERVER_KEY));
        assertFalse(a.toString().contains("404142"), a.toString());
        assertArrayEquals(Authentication.publicKey(SERVER_KEY), a.serverPublicKey());
        assertEquals(1142, config(a).maxPayload());
        assertEquals(1162, ConnectionConfig.DEFAULT.maxPayload(), "off by default");
        assertNull(ConnectionConfig.DEFAULT.authentication());
        assertTrue(Arrays.equals(PSK, a.preSharedKey()));
    }
}
