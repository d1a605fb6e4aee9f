package net.rudp.seal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import net.rudp.AeadSuite;

/**
 * The parts of a sealed datagram (spec/AUTHENTICATED.md 4) and what sealing and opening share:
 * the direction's key, IV and cipher, and the per-packet nonce.
 *
 * <pre>
 * +------------------+-----------------+------------------------+----------+---------+----------+
 * | header (32 B)    | cleartext body  | encrypted body         | tag 16 B | pn 4 B  | CRC32C 4 |
 * +------------------+-----------------+------------------------+----------+---------+----------+
 *  associated data: header, cleartext body, pn                  ^ AEAD tag  ^ low 32 bits of the packet number
 * </pre>
 */
abstract sealed class Sealing permits PacketSealer, PacketOpener {
    /** Bytes sealing adds before the CRC: the tag and the truncated packet number. */
    public static final int OVERHEAD = AeadSuite.TAG_BYTES + 4;
    static final int CRC_BYTES = 4;

    final AeadSuite suite;
    final Cipher cipher;
    final SecretKeySpec key;
    private final byte[] iv;
    private final byte[] nonce = new byte[AeadSuite.NONCE_BYTES];

    Sealing(AeadSuite suite, byte[] key, byte[] iv) {
        if (key.length != AeadSuite.KEY_BYTES || iv.length != AeadSuite.NONCE_BYTES) {
            throw new IllegalArgumentException("an AEAD key has 32 bytes and an IV 12, not " + key.length + " and " + iv.length);
        }
        this.suite = suite;
        this.cipher = SuiteCiphers.newCipher(suite);
        this.key = new SecretKeySpec(key, SuiteCiphers.keyAlgorithm(suite));
        this.iv = iv.clone();
    }

    /** RFC 8446 5.3 / RFC 9001 5.3: the IV XOR the 64-bit packet number, right-aligned. */
    final void init(int mode, long packetNumber) throws GeneralSecurityException {
        System.arraycopy(iv, 0, nonce, 0, nonce.length);
        for (int i = 0; i < 8; i++) nonce[nonce.length - 1 - i] ^= (byte) (packetNumber >>> (8 * i));
        cipher.init(mode, key, SuiteCiphers.nonce(suite, nonce));
    }

    static void putInt(byte[] d, int at, int v) {
        d[at] = (byte) (v >>> 24);
        d[at + 1] = (byte) (v >>> 16);
        d[at + 2] = (byte) (v >>> 8);
        d[at + 3] = (byte) v;
    }

    static int getInt(byte[] d, int at) {
        return (d[at] & 0xFF) << 24 | (d[at + 1] & 0xFF) << 16 | (d[at + 2] & 0xFF) << 8 | (d[at + 3] & 0xFF);
    }

    static int crc32c(byte[] d, int length) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(d, 0, length);
        return (int) crc.getValue();
    }
}
