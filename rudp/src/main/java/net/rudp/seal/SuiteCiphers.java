package net.rudp.seal;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import net.rudp.AeadSuite;

/** How the JDK names each {@link AeadSuite}: its cipher, its key algorithm and its nonce parameters. */
final class SuiteCiphers {
    private SuiteCiphers() {}

    static Cipher newCipher(AeadSuite suite) {
        String transformation = switch (suite) {
            case CHACHA20_POLY1305 -> "ChaCha20-Poly1305";
            case AES_256_GCM -> "AES/GCM/NoPadding";
        };
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + transformation, e);
        }
    }

    static String keyAlgorithm(AeadSuite suite) {
        return suite == AeadSuite.AES_256_GCM ? "AES" : "ChaCha20";
    }

    static AlgorithmParameterSpec nonce(AeadSuite suite, byte[] nonce) {
        return suite == AeadSuite.AES_256_GCM ? new GCMParameterSpec(8 * AeadSuite.TAG_BYTES, nonce) : new IvParameterSpec(nonce);
    }
}
