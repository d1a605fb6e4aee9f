package net.rudp.seal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) from the JDK, on raw 32-byte keys as they travel in the handshake: a public
 * key is the little-endian u-coordinate, a private key the little-endian scalar.
 */
public final class X25519 {
    public static final int KEY_BYTES = 32;

    private X25519() {}

    /** A raw key pair: {@code privateKey} is the scalar, {@code publicKey} the u-coordinate. */
    public record RawKeyPair(byte[] privateKey, byte[] publicKey) {}

    public static RawKeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
            g.initialize(NamedParameterSpec.X25519, random);
            KeyPair pair = g.generateKeyPair();
            byte[] scalar = ((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow();
            return new RawKeyPair(scalar, littleEndian(((XECPublicKey) pair.getPublic()).getU()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks X25519", e);
        }
    }

    /** The public key of a raw private key (RFC 7748 6.1: X25519(a, 9)). */
    public static byte[] publicKey(byte[] privateKey) {
        byte[] nine = new byte[KEY_BYTES];
        nine[0] = 9;
        return agree(privateKey, nine);
    }

    /**
     * The shared secret X25519(ours, theirs).
     *
     * @throws IllegalArgumentException if {@code theirs} is a low-order point (RFC 7748 6.1:
     *         "check whether the resulting shared secret is the all-zero value and abort if so")
     */
    public static byte[] agree(byte[] ourPrivate, byte[] theirPublic) {
        byte[] shared;
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            PrivateKey priv = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, ourPrivate.clone()));
            var pub = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u(theirPublic)));
            KeyAgreement ka = KeyAgreement.getInstance("X25519");
            ka.init(priv);
            ka.doPhase(pub, true);
            shared = ka.generateSecret();
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalArgumentException("the peer's X25519 key is a low-order point (RFC 7748 6.1)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks X25519", e);
        }
        int or = 0;
        for (byte b : shared) or |= b;
        if (or == 0) throw new IllegalArgumentException("the X25519 shared secret is all zero (RFC 7748 6.1): a low-order peer key");
        return shared;
    }

    private static BigInteger u(byte[] littleEndian) {
        if (littleEndian.length != KEY_BYTES) throw new IllegalArgumentException("an X25519 key has 32 bytes, not " + littleEndian.length);
        byte[] big = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) big[i] = littleEndian[KEY_BYTES - 1 - i];
        // RFC 7748 5: "implementations of X25519 MUST mask the most significant bit in the final byte".
        big[0] &= 0x7F;
        return new BigInteger(1, big);
    }

    private static byte[] littleEndian(BigInteger u) {
        byte[] big = u.toByteArray();
        byte[] out = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES && i < big.length; i++) out[i] = big[big.length - 1 - i];
        return out;
    }
}
