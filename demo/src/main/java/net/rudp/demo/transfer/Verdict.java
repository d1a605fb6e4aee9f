package net.rudp.demo.transfer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The receiver's answer at the end of a transfer, sent back over the same connection so the
 * sender's clock stops only when the data has arrived and been checked (not when the last byte
 * was handed to a send buffer).
 *
 * @param bytesReceived how many bytes arrived before end of stream
 * @param firstMismatch stream offset of the first wrong byte, or -1 if every byte was right
 */
public record Verdict(long bytesReceived, long firstMismatch) {
    /** Encoded size: two big-endian longs. */
    public static final int BYTES = 16;

    /** True if exactly {@code expectedSize} bytes arrived and all were right. */
    public boolean verifies(long expectedSize) {
        return bytesReceived == expectedSize && firstMismatch < 0;
    }

    /** Explains a failed verification, for error messages. */
    public String describeFailure(long expectedSize) {
        if (firstMismatch >= 0) {
            return "receiver found a wrong byte at stream offset " + firstMismatch;
        }
        return "receiver got " + bytesReceived + " bytes, expected " + expectedSize;
    }

    void writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeLong(bytesReceived);
        data.writeLong(firstMismatch);
        data.flush();
    }

    static Verdict readFrom(InputStream in) throws IOException {
        try {
            DataInputStream data = new DataInputStream(in);
            return new Verdict(data.readLong(), data.readLong());
        } catch (EOFException e) {
            throw new IOException("the receiver closed the connection without its " + BYTES + "-byte verdict", e);
        }
    }
}
