package net.rudp.wire;

/** Why bytes did not decode. Each maps to a rule in spec/PROTOCOL.md, section "Receiving". */
public enum DecodeError {
    /** Shorter than the fixed header plus checksum, or shorter than its body says. */
    TRUNCATED,
    /** The CRC32C trailer does not match the datagram. */
    BAD_CHECKSUM,
    /** The version byte is not 1. */
    UNKNOWN_VERSION,
    /** The type byte names no packet type. */
    UNKNOWN_TYPE,
    /** A field holds a value the spec forbids, or bytes follow the body. */
    FIELD_OUT_OF_RANGE
}
