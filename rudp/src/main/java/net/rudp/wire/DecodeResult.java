package net.rudp.wire;

/** What {@link PacketCodec#decode} gives back: a packet or a typed error. Never an exception. */
public sealed interface DecodeResult {

    /** The bytes were a valid packet. */
    record Ok(Packet packet) implements DecodeResult {}

    /** The bytes were not a valid packet; the receiver drops them silently (spec: "Receiving"). */
    record Error(DecodeError kind, String detail) implements DecodeResult {
        @Override
        public String toString() {
            return kind + ": " + detail;
        }
    }
}
