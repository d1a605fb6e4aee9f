package net.rudp.demo.ping;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One ping request as bytes: its sequence number (8 bytes, big-endian), then filler derived from
 * it, up to the message size. An echo server sends the same bytes back, so the reply names the
 * request it answers, and a reply that differs from its request shows the peer is not echoing.
 */
final class PingProbe {
    /** The smallest message: the sequence number alone. */
    static final int MIN_SIZE = Long.BYTES;

    private PingProbe() {}

    /** The request numbered {@code seq}, {@code size} bytes long. */
    static byte[] encode(long seq, int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("a ping message needs at least " + MIN_SIZE + " bytes: " + size);
        }
        byte[] message = new byte[size];
        ByteBuffer.wrap(message).putLong(seq);
        for (int i = MIN_SIZE; i < size; i++) {
            message[i] = (byte) (seq + i);
        }
        return message;
    }

    /** The sequence number a reply carries. */
    static long seqOf(byte[] reply) {
        return ByteBuffer.wrap(reply).getLong();
    }

    /** Whether {@code reply} is exactly the request numbered {@code seq}. */
    static boolean answers(byte[] reply, long seq) {
        return Arrays.equals(reply, encode(seq, reply.length));
    }
}
