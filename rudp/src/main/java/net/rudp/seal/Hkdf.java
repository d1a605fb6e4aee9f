package net.rudp.seal;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869), from the JDK's {@link Mac}. */
final class Hkdf {
    static final int HASH_BYTES = 32;

    private Hkdf() {}

    /** RFC 5869 2.2: "PRK = HMAC-Hash(salt, IKM)". */
    static byte[] extract(byte[] salt, byte[] ikm) {
        return hmac(salt, ikm);
    }

    /**
     * RFC 5869 2.3: "T(1) = HMAC-Hash(PRK, T(0) | info | 0x01)", T(0) empty; rudp never needs
     * more than one block ({@code length} at most 32).
     */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length > HASH_BYTES) throw new IllegalArgumentException("one HKDF block gives at most 32 bytes, not " + length);
        byte[] input = new byte[info.length + 1];
        System.arraycopy(info, 0, input, 0, info.length);
        input[info.length] = 1;
        byte[] t1 = hmac(prk, input);
        return length == HASH_BYTES ? t1 : java.util.Arrays.copyOf(t1, length);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
}
