package net.rudp.demo.transfer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The receiver's findings at the end of a transfer. The receiver prints them for the demo (which
 * checks them against what was sent) and also sends them back over the same connection, so the
 * sender's clock stops only when the data has arrived and been checked (not when the last byte
 * was handed to a send buffer).
 *
 * @param bytesReceived how many bytes arrived before end of stream
 * @param firstMismatch stream offset of the first byte that differs from the pattern, or -1
 * @param sha256        SHA-256 of every byte that arrived, in hex
 */
public record Verdict(long bytesReceived, long firstMismatch, String sha256) {
    private static final int DIGEST_BYTES = 32;
    /** Encoded size: two big-endian longs and the digest. */
    public static final int BYTES = 16 + DIGEST_BYTES;

    /** True if exactly {@code expectedSize} bytes arrived, all as the pattern says, with the expected digest. */
    public boolean verifies(long expectedSize, String expectedSha256) {
        return bytesReceived == expectedSize && firstMismatch < 0 && sha256.equals(expectedSha256);
    }

    /** Explains a failed verification, for error messages. */
    public String describeFailure(long expectedSize, String expectedSha256) {
        if (firstMismatch >= 0) {
            return "receiver found a wrong byte at stream offset " + firstMismatch;
        }
        if (bytesReceived != expectedSize) {
            return "receiver got " + bytesReceived + " bytes, expected " + expectedSize;
        }
        return "SHA-256 of the bytes received is " + sha256 + ", of the bytes sent " + expectedSha256;
    }

    /** Writes the verdict in one write: in pieces, Nagle's algorithm and delayed ACKs could hold the last piece back. */
    void writeTo(OutputStream out) throws IOException {
        ByteBuffer encoded = ByteBuffer.allocate(BYTES).putLong(bytesReceived).putLong(firstMismatch)
            .put(HexFormat.of().parseHex(sha256));
        out.write(encoded.array());
        out.flush();
    }

    static Verdict readFrom(InputStream in) throws IOException {
        try {
            DataInputStream data = new DataInputStream(in);
            long received = data.readLong();
            long mismatch = data.readLong();
            byte[] digest = new byte[DIGEST_BYTES];
            data.readFully(digest);
            return new Verdict(received, mismatch, HexFormat.of().formatHex(digest));
        } catch (EOFException e) {
            throw new IOException("the receiver closed the connection without its " + BYTES + "-byte verdict", e);
        }
    }
}
