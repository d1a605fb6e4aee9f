package net.rudp.seal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import net.rudp.AeadSuite;

/**
 * The authenticated mode's key schedule (spec/AUTHENTICATED.md 3): HKDF-SHA256 (RFC 5869) over
 * the X25519 secrets, salted with the pre-shared key, and bound to the transcript (the SYN and
 * the SYN_ACK as sent), so that an attacker who alters either handshake packet, to downgrade the
 * suite or splice two handshakes, leaves the two sides with different keys.
 */
public final class KeySchedule {
    private static final byte[] NO_PSK = new byte[Hkdf.HASH_BYTES];

    private KeySchedule() {}

    /**
     * The keys of one connection: each direction's AEAD key and IV.
     *
     * @param clientKey the key of client-to-server packets; {@code clientIv} their IV
     * @param serverKey the key of server-to-client packets (the SYN_ACK first); {@code serverIv} their IV
     */
    public record TrafficKeys(AeadSuite suite, byte[] clientKey, byte[] clientIv, byte[] serverKey, byte[] serverIv) {}

    /**
     * SHA-256 of the SYN without its CRC trailer, then the SYN_ACK's header and cleartext body
     * (everything before its tag).
     */
    public static byte[] transcriptHash(byte[] syn, int synLength, byte[] synAck, int synAckClearEnd) {
        MessageDigest sha = sha256();
        sha.update(syn, 0, synLength - 4);
        sha.update(synAck, 0, synAckClearEnd);
        return sha.digest();
    }

    /**
     * The client's keys: ee = X25519(e_c, E_s) and, with a pinned server key, es = X25519(e_c, S).
     *
     * @param psk                the pre-shared key, or null
     * @param serverStaticPublic the pinned server key S, or null (then {@code psk} is required)
     */
    public static TrafficKeys client(AeadSuite suite, byte[] psk, byte[] clientEphemeralPrivate,
                                     byte[] serverStaticPublic, byte[] serverEphemeralPublic, byte[] transcriptHash) {
        byte[] ee = X25519.agree(clientEphemeralPrivate, serverEphemeralPublic);
        byte[] es = serverStaticPublic == null ? null : X25519.agree(clientEphemeralPrivate, serverStaticPublic);
        return derive(suite, psk, ee, es, transcriptHash);
    }

    /** The server's keys: ee = X25519(e_s, E_c) and, with a static key, es = X25519(s, E_c). */
    public static TrafficKeys server(AeadSuite suite, byte[] psk, byte[] serverEphemeralPrivate,
                                     byte[] serverStaticPrivate, byte[] clientEphemeralPublic, byte[] transcriptHash) {
        byte[] ee = X25519.agree(serverEphemeralPrivate, clientEphemeralPublic);
        byte[] es = serverStaticPrivate == null ? null : X25519.agree(serverStaticPrivate, clientEphemeralPublic);
        return derive(suite, psk, ee, es, transcriptHash);
    }

    /** PRK = HKDF-Extract(psk or 32 zeros, ee ‖ es); each key = HKDF-Expand(PRK, label ‖ TH, length). */
    static TrafficKeys derive(AeadSuite suite, byte[] psk, byte[] ee, byte[] es, byte[] transcriptHash) {
        if (psk == null && es == null) {
            throw new IllegalArgumentException("the authenticated mode needs a pinned server key or a pre-shared key: "
                + "ephemeral keys alone do not stop an on-path attacker (AUTHENTICATED.md 2)");
        }
        byte[] ikm = es == null ? ee : concat(ee, es);
        byte[] prk = Hkdf.extract(psk == null ? NO_PSK : psk, ikm);
        return new TrafficKeys(suite,
            Hkdf.expand(prk, info("c2s key", transcriptHash), AeadSuite.KEY_BYTES),
            Hkdf.expand(prk, info("c2s iv", transcriptHash), AeadSuite.NONCE_BYTES),
            Hkdf.expand(prk, info("s2c key", transcriptHash), AeadSuite.KEY_BYTES),
            Hkdf.expand(prk, info("s2c iv", transcriptHash), AeadSuite.NONCE_BYTES));
    }

    /** "rudp1 " ‖ label ‖ TH. */
    private static byte[] info(String label, byte[] transcriptHash) {
        return concat(("rudp1 " + label).getBytes(StandardCharsets.US_ASCII), transcriptHash);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
