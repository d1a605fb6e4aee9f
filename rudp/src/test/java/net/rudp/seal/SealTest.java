package net.rudp.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import net.rudp.AeadSuite;
import net.rudp.wire.VectorFile;
import net.rudp.wire.VectorFile.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.FieldSource;

class SealTest {
    private static final HexFormat HEX = HexFormat.of();
    static final List<Vector> VECTORS = VectorFile.read("sealed.txt");
    static final List<Vector> PACKETS = VECTORS.stream().filter(v -> v.fields().containsKey("sealed")).toList();
    private static final Vector HANDSHAKE = VECTORS.getFirst();

    private static byte[] hex(Vector v, String key) {
        return HEX.parseHex(v.get(key));
    }

    @Test
    void bothSidesDeriveTheVectorsKeysFromTheHandshake() {
        Vector v = HANDSHAKE;
        byte[] syn = hex(v, "syn"), synAck = hex(v, "syn_ack");
        int clearEnd = Integer.parseInt(v.get("syn_ack_clear_end"));
        assertArrayEquals(hex(v, "client_ephemeral_public"), X25519.publicKey(hex(v, "client_ephemeral_private")));
        assertArrayEquals(hex(v, "server_static_public"), X25519.publicKey(hex(v, "server_static_private")));
        byte[] th = KeySchedule.transcriptHash(syn, syn.length, synAck, clearEnd);
        assertArrayEquals(hex(v, "transcript_hash"), th);
        var client = KeySchedule.client(AeadSuite.CHACHA20_POLY1305, hex(v, "psk"), hex(v, "client_ephemeral_private"),
            hex(v, "server_static_public"), hex(v, "server_ephemeral_public"), th);
        var server = KeySchedule.server(AeadSuite.CHACHA20_POLY1305, hex(v, "psk"), hex(v, "server_ephemeral_private"),
            hex(v, "server_static_private"), hex(v, "client_ephemeral_public"), th);
        for (var keys : List.of(client, server)) {
            assertArrayEquals(hex(v, "c2s_key"), keys.clientKey());
            assertArrayEquals(hex(v, "c2s_iv"), keys.clientIv());
            assertArrayEquals(hex(v, "s2c_key"), keys.serverKey());
            assertArrayEquals(hex(v, "s2c_iv"), keys.serverIv());
        }
        // The client authenticates the SYN_ACK (the server's proof that it holds the keys) before anything else.
        var opener = new PacketOpener(AeadSuite.CHACHA20_POLY1305, client.serverKey(), client.serverIv());
        assertEquals(clearEnd, opener.open(synAck.clone(), synAck.length, clearEnd));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("PACKETS")
    void sealingGivesTheVectorsBytesAndOpeningGivesThePlaintextBack(Vector v) {
        AeadSuite suite = AeadSuite.of(Integer.parseInt(v.get("suite")));
        boolean c2s = v.get("direction").equals("c2s");
        byte[] key = hex(HANDSHAKE, c2s ? "c2s_key" : "s2c_key"), iv = hex(HANDSHAKE, c2s ? "c2s_iv" : "s2c_iv");
        byte[] plain = hex(v, "plain"), sealed = hex(v, "sealed");
        int clearEnd = Integer.parseInt(v.get("clear_end"));
        byte[] buffer = Arrays.copyOf(plain, plain.length + Sealing.OVERHEAD + 4);
        int length = new PacketSealer(suite, key, iv, Long.parseLong(v.get("packet_number"))).seal(buffer, clearEnd, plain.length);
        assertEquals(HEX.formatHex(sealed), HEX.formatHex(buffer, 0, length));
        PacketOpener opener = new PacketOpener(suite, key, iv);
        assertEquals(plain.length, opener.open(buffer, length, clearEnd));
        assertArrayEquals(plain, Arrays.copyOf(buffer, plain.length));
        assertEquals(Long.parseLong(v.get("packet_number")), opener.lastPacketNumber());
    }

    /** A sealer and opener pair on a fresh random key, and a DATA-shaped packet to seal. */
    private record Pair(PacketSealer sealer, PacketOpener opener) {
        static Pair of(AeadSuite suite, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            byte[] key = new byte[32], iv = new byte[12];
            r.nextBytes(key);
            r.nextBytes(iv);
            return new Pair(new PacketSealer(suite, key, iv, 0), new PacketOpener(suite, key, iv));
        }

        byte[] seal(int payload, long seed) {
            byte[] d = new byte[32 + 2 + payload + Sealing.OVERHEAD + 4];
            new SplittableRandom(seed).nextBytes(d);
            int length = sealer.seal(d, 32, 32 + 2 + payload);
            return Arrays.copyOf(d, length);
        }
    }

    @ParameterizedTest
    @EnumSource(AeadSuite.class)
    void everySingleBitFlipIsRejected(AeadSuite suite) {
        Pair p = Pair.of(suite, 1);
        byte[] sealed = p.seal(40, 2);
        for (int bit = 0; bit < 8 * sealed.length; bit++) {
            byte[] d = sealed.clone();
            d[bit / 8] ^= (byte) (1 << (bit % 8));
            int result = p.opener().open(d, d.length, 32);
            assertEquals(true, result < 0, "bit " + bit + " flipped, yet the packet opened");
        }
        // Altered with the CRC recomputed, as an attacker would: the tag still rejects it.
        byte[] d = sealed.clone();
        d[40] ^= 1;
        Sealing.putInt(d, d.length - 4, Sealing.crc32c(d, d.length - 4));
        assertEquals(PacketOpener.Failure.FORGED, PacketOpener.Failure.of(p.opener().open(d, d.length, 32)));
        assertEquals(32 + 2 + 40, p.opener().open(sealed.clone(), sealed.length, 32), "the original still opens");
    }

    @ParameterizedTest
    @EnumSource(AeadSuite.class)
    void replaysAndPacketsOlderThanTheWindowAreRejectedReorderingWithinItIsNot(AeadSuite suite) {
        Pair p = Pair.of(suite, 3);
        byte[][] packets = new byte[ReplayWindow.SIZE + 10][];
        for (int i = 0; i < packets.length; i++) packets[i] = p.seal(8, i);
        assertEquals(42, p.opener().open(packets[5].clone(), packets[5].length, 32));
        assertEquals(42, p.opener().open(packets[2].clone(), packets[2].length, 32), "reordered, within the window");
        assertEquals(PacketOpener.Failure.REPLAYED, PacketOpener.Failure.of(p.opener().open(packets[5].clone(), packets[5].length, 32)));
        byte[] last = packets[packets.length - 1];
        assertEquals(42, p.opener().open(last.clone(), last.length, 32));
        assertEquals(PacketOpener.Failure.REPLAYED, PacketOpener.Failure.of(p.opener().open(packets[3].clone(), packets[3].length, 32)),
            "older than the window");
        byte[] inWindow = packets[packets.length - ReplayWindow.SIZE + 1];
        assertEquals(42, p.opener().open(inWindow.clone(), inWindow.length, 32));
    }

    @Test
    void anotherKeyOrAnotherDirectionDoesNotOpenIt() {
        Pair p = Pair.of(AeadSuite.CHACHA20_POLY1305, 4);
        byte[] sealed = p.seal(100, 5);
        for (Pair other : List.of(Pair.of(AeadSuite.CHACHA20_POLY1305, 6), Pair.of(AeadSuite.AES_256_GCM, 4))) {
            assertEquals(PacketOpener.Failure.FORGED, PacketOpener.Failure.of(other.opener().open(sealed.clone(), sealed.length, 32)));
        }
    }

    @Test
    void truncatedPacketNumbersExpandAcrossTwoToThe32() {
        ReplayWindow w = new ReplayWindow();
        assertEquals(0, w.expand(0));
        w.accept((1L << 32) - 2);
        assertEquals((1L << 32) + 5, w.expand(5), "just past the wrap");
        assertEquals((1L << 32) - 3, w.expand(-3), "just before it");
        w.accept((1L << 32) + 5);
        assertEquals(false, w.isFresh((1L << 32) + 5));
        assertEquals(true, w.isFresh((1L << 32) - 3));
    }

    @Test
    void tamperingWithTheSynChangesEveryKeyAndEphemeralKeysAloneAreRefused() {
        SecureRandom random = new SecureRandom();
        var clientE = X25519.generate(random);
        var serverE = X25519.generate(random);
        var serverS = X25519.generate(random);
        byte[] syn = new byte[71], synAck = new byte[90];
        random.nextBytes(syn);
        random.nextBytes(synAck);
        byte[] th = KeySchedule.transcriptHash(syn, syn.length, synAck, 66);
        var honest = KeySchedule.client(AeadSuite.CHACHA20_POLY1305, null, clientE.privateKey(), serverS.publicKey(), serverE.publicKey(), th);
        var server = KeySchedule.server(AeadSuite.CHACHA20_POLY1305, null, serverE.privateKey(), serverS.privateKey(), clientE.publicKey(), th);
        assertArrayEquals(honest.clientKey(), server.clientKey(), "pinned key, no PSK: both sides agree");
        syn[34] ^= 1;  // the suite byte, say: a downgrade attempt
        byte[] altered = KeySchedule.transcriptHash(syn, syn.length, synAck, 66);
        var tampered = KeySchedule.server(AeadSuite.CHACHA20_POLY1305, null, serverE.privateKey(), serverS.privateKey(), clientE.publicKey(), altered);
        assertEquals(false, Arrays.equals(honest.clientKey(), tampered.clientKey()));
        assertEquals(false, Arrays.equals(honest.serverKey(), tampered.serverKey()));
        assertThrows(IllegalArgumentException.class,
            () -> KeySchedule.client(AeadSuite.CHACHA20_POLY1305, null, clientE.privateKey(), null, serverE.publicKey(), th));
        assertThrows(IllegalArgumentException.class, () -> X25519.agree(clientE.privateKey(), new byte[32]), "a low-order point");
    }
}
