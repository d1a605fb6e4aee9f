package net.rudp;

/**
 * The AEADs the authenticated mode can seal packets with (spec/AUTHENTICATED.md 1 and 4), both
 * from the JDK, both with 32-byte keys, 12-byte nonces and 16-byte tags. Both sides of a
 * connection must be configured with the same suite ({@link Authentication#suite()}): the call
 * request names it, and a server configured otherwise refuses the call.
 */
public enum AeadSuite {
    /** RFC 8439; the mandatory suite and the default: fast without AES hardware, constant-time in software. */
    CHACHA20_POLY1305(1),
    /** NIST SP 800-38D with a 256-bit key; the faster where the CPU has AES and carry-less multiply instructions. */
    AES_256_GCM(2);

    /** Bytes of a key. */
    public static final int KEY_BYTES = 32;
    /** Bytes of a nonce (and of an IV). */
    public static final int NONCE_BYTES = 12;
    /** Bytes of an authentication tag. */
    public static final int TAG_BYTES = 16;

    /** The byte a call request names the suite with. */
    public final int code;

    AeadSuite(int code) {
        this.code = code;
    }

    /**
     * The suite a call request names.
     *
     * @param code the suite's byte
     * @return the suite with {@code code}, or null for a code this version does not know
     */
    public static AeadSuite of(int code) {
        for (AeadSuite s : values()) if (s.code == code) return s;
        return null;
    }
}
