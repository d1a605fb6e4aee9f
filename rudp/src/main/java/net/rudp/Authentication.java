package net.rudp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import net.rudp.seal.X25519;

/**
 * The authenticated mode (spec/AUTHENTICATED.md): what both sides of a connection are configured
 * with, out of band, so that every packet after the handshake is sealed with an AEAD and an
 * on-path attacker's forged, altered or replayed packets are dropped before they reach the
 * connection. Set it as {@link ConnectionConfig#authentication()} (off, null, by default) on the
 * client and on the server:
 *
 * <pre>{@code
 * byte[] serverKey = Authentication.newPrivateKey();                   // kept by the server only
 * var server = Authentication.serverKey(serverKey);                    // the server's configuration
 * var client = Authentication.pinnedServerKey(Authentication.publicKey(serverKey)); // the clients'
 * }</pre>
 *
 * <p>Either the client pins the server's static X25519 public key (the server holds the private
 * key), or both sides share a 32-byte random pre-shared key, or both. Ephemeral keys alone would
 * let an on-path attacker run a handshake with each side, so that configuration is rejected
 * (spec 1). A client configured for the mode never falls back to plain rudp; a server configured
 * for it refuses plain call requests. Sealing costs {@link #OVERHEAD} bytes per datagram, taken
 * from the largest payload ({@link ConnectionConfig#maxPayload()}).
 *
 * <p>Equal when the keys are (it is part of the configuration client endpoints are pooled by);
 * {@link #toString()} shows no key material. Serializable as the configuration is: the private key
 * and the pre-shared key travel with it, so serialize only what you would show the peer.
 *
 * @param suite            the AEAD both sides seal with
 * @param serverPublicKey  the server's static X25519 public key the client pins (32 bytes), or null;
 *                         derived from {@code serverPrivateKey} when only that is given
 * @param serverPrivateKey the server's static X25519 private key (32 bytes), on the server only; or null
 * @param preSharedKey     a 32-byte random key both sides hold, or null
 */
public record Authentication(AeadSuite suite, byte[] serverPublicKey, byte[] serverPrivateKey, byte[] preSharedKey)
    implements java.io.Serializable {

    /** Bytes sealing adds to every datagram after the call request: a 16-byte tag and a 4-byte packet number (spec 4). */
    public static final int OVERHEAD = AeadSuite.TAG_BYTES + 4;
    /** Bytes of every key: X25519 keys and the pre-shared key. */
    public static final int KEY_BYTES = 32;

    /**
     * Checks and copies the keys.
     *
     * @throws IllegalArgumentException if a key is not 32 bytes, if the public key does not belong to
     *         the private key, or if neither a server key nor a pre-shared key is given
     */
    public Authentication {
        Objects.requireNonNull(suite, "suite");
        serverPrivateKey = copyOf("serverPrivateKey", serverPrivateKey);
        preSharedKey = copyOf("preSharedKey", preSharedKey);
        serverPublicKey = copyOf("serverPublicKey", serverPublicKey);
        if (serverPrivateKey != null) {
            byte[] derived = X25519.publicKey(serverPrivateKey);
            if (serverPublicKey != null && !Arrays.equals(serverPublicKey, derived)) {
                throw new IllegalArgumentException("serverPublicKey is not the public key of serverPrivateKey");
            }
            serverPublicKey = derived;
        }
        if (serverPublicKey == null && preSharedKey == null) {
            throw new IllegalArgumentException("the authenticated mode needs a pinned server key or a pre-shared key: "
                + "ephemeral keys alone do not stop an on-path attacker (spec/AUTHENTICATED.md 1)");
        }
    }

    /**
     * A client's configuration that pins the server's static key, with ChaCha20-Poly1305.
     *
     * @param serverPublicKey the server's X25519 public key ({@link #publicKey}), 32 bytes
     * @return the configuration
     */
    public static Authentication pinnedServerKey(byte[] serverPublicKey) {
        return new Authentication(AeadSuite.CHACHA20_POLY1305, serverPublicKey, null, null);
    }

    /**
     * A server's configuration with its static private key, with ChaCha20-Poly1305.
     *
     * @param serverPrivateKey the server's X25519 private key ({@link #newPrivateKey()}), 32 bytes
     * @return the configuration
     */
    public static Authentication serverKey(byte[] serverPrivateKey) {
        return new Authentication(AeadSuite.CHACHA20_POLY1305, null, serverPrivateKey, null);
    }

    /**
     * Both sides' configuration with a pre-shared key alone, with ChaCha20-Poly1305.
     *
     * @param preSharedKey 32 random bytes ({@link #newPrivateKey()} makes suitable ones)
     * @return the configuration
     */
    public static Authentication preShared(byte[] preSharedKey) {
        return new Authentication(AeadSuite.CHACHA20_POLY1305, null, null, preSharedKey);
    }

    /**
     * A copy that seals with another suite.
     *
     * @param v the suite
     * @return this configuration with that {@link #suite()}
     */
    public Authentication withSuite(AeadSuite v) {
        return new Authentication(v, serverPublicKey, serverPrivateKey, preSharedKey);
    }

    /**
     * A copy that also requires a pre-shared key.
     *
     * @param v 32 random bytes
     * @return this configuration with that {@link #preSharedKey()}
     */
    public Authentication withPreSharedKey(byte[] v) {
        return new Authentication(suite, serverPublicKey, serverPrivateKey, v);
    }

    /**
     * A fresh X25519 private key (also fit as a pre-shared key), from a {@link SecureRandom}.
     *
     * @return 32 random bytes
     */
    public static byte[] newPrivateKey() {
        return X25519.generate(new SecureRandom()).privateKey();
    }

    /**
     * The X25519 public key of {@code privateKey}: what clients pin.
     *
     * @param privateKey 32 bytes
     * @return the 32-byte public key
     */
    public static byte[] publicKey(byte[] privateKey) {
        return X25519.publicKey(Objects.requireNonNull(privateKey, "privateKey"));
    }

    /**
     * Whether a server can answer call requests with this configuration.
     *
     * @return true if it holds the server's private key or a pre-shared key
     */
    public boolean canServe() {
        return serverPrivateKey != null || preSharedKey != null;
    }

    /**
     * The server's static public key, which the client pins.
     *
     * @return a copy of the 32 bytes, or null
     */
    @Override
    public byte[] serverPublicKey() {
        return serverPublicKey == null ? null : serverPublicKey.clone();
    }

    /**
     * The server's static private key.
     *
     * @return a copy of the 32 bytes, or null (a client's configuration)
     */
    @Override
    public byte[] serverPrivateKey() {
        return serverPrivateKey == null ? null : serverPrivateKey.clone();
    }

    /**
     * The pre-shared key.
     *
     * @return a copy of the 32 bytes, or null
     */
    @Override
    public byte[] preSharedKey() {
        return preSharedKey == null ? null : preSharedKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Authentication a && suite == a.suite && Arrays.equals(serverPublicKey, a.serverPublicKey)
            && Arrays.equals(serverPrivateKey, a.serverPrivateKey) && Arrays.equals(preSharedKey, a.preSharedKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(suite, Arrays.hashCode(serverPublicKey), Arrays.hashCode(serverPrivateKey), Arrays.hashCode(preSharedKey));
    }

    /** The suite, the pinned key's first bytes (public), and whether a private key and a pre-shared key are held. */
    @Override
    public String toString() {
        return "Authentication[" + suite + (serverPublicKey == null ? "" : ", server key "
            + HexFormat.of().formatHex(serverPublicKey, 0, 4) + "...") + (serverPrivateKey == null ? "" : ", private key")
            + (preSharedKey == null ? "" : ", pre-shared key") + "]";
    }

    private static byte[] copyOf(String name, byte[] key) {
        if (key == null) return null;
        if (key.length != KEY_BYTES) throw new IllegalArgumentException(name + " must have " + KEY_BYTES + " bytes, not " + key.length);
        return key.clone();
    }
}
