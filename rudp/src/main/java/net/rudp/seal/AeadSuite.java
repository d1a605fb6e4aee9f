package net.rudp.seal;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * The AEADs the authenticated mode can seal with (spec/AUTHENTICATED.md 4), both from the JDK,
 * both with 32-byte keys, 12-byte nonces and 16-byte tags. The code is the byte a SYN names its
 * suite with.
 */
public enum AeadSuite {
    /** RFC 8439; the mandatory suite: fast without AES hardware, constant-time in software. */
    CHACHA20_POLY1305(1, "ChaCha20-Poly1305", "ChaCha20"),
    /** NIST SP 800-38D with a 256-bit key; fastest where the CPU has AES and carry-less multiply. */
    AES_256_GCM(2, "AES/GCM/NoPadding", "AES");

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    public final int code;
    final String transformation;
    final String keyAlgorithm;

    AeadSuite(int code, String transformation, String keyAlgorithm) {
        this.code = code;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The suite with {@code code}, or null for a code this version does not know. */
    public static AeadSuite of(int code) {
        for (AeadSuite s : values()) if (s.code == code) return s;
        return null;
    }

    Cipher newCipher() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + transformation, e);
        }
    }

    AlgorithmParameterSpec nonce(byte[] nonce) {
        return this == AES_256_GCM ? new GCMParameterSpec(8 * TAG_BYTES, nonce) : new IvParameterSpec(nonce);
    }
}
