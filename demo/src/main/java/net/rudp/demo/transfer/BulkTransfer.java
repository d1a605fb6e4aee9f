package net.rudp.demo.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.rudp.demo.transport.Conn;

/**
 * The bulk transfer every comparison runs: the sender writes {@code size} bytes of a
 * {@link PatternStream} and shuts down its output; the receiver checks every byte until end of
 * stream and answers with a {@link Verdict}.
 */
public final class BulkTransfer {
    /** Bytes per write and per read: large enough that per-call overhead does not dominate. */
    static final int CHUNK = 64 * 1024;

    private BulkTransfer() {}

    /** Told how many bytes have arrived so far, after every read. */
    @FunctionalInterface
    public interface Progress {
        void bytesSoFar(long bytes);
    }

    /** Sends {@code size} bytes of {@code pattern}, then waits for the receiver's verdict. */
    public static Verdict send(Conn conn, long size, PatternStream pattern) throws IOException {
        byte[] chunk = new byte[CHUNK];
        OutputStream out = conn.output();
        for (long sent = 0; sent < size; ) {
            int n = (int) Math.min(CHUNK, size - sent);
            pattern.fill(sent, chunk, 0, n);
            out.write(chunk, 0, n);
            sent += n;
        }
        out.flush();
        conn.shutdownOutput();
        return Verdict.readFrom(conn.input());
    }

    /** Reads until end of stream, checking every byte against {@code pattern}, then answers. */
    public static Verdict receive(Conn conn, PatternStream pattern, Progress progress) throws IOException {
        byte[] chunk = new byte[CHUNK];
        PatternStream.Verifier verifier = pattern.verifier();
        InputStream in = conn.input();
        for (int n; (n = in.read(chunk)) >= 0; ) {
            verifier.accept(chunk, 0, n);
            progress.bytesSoFar(verifier.position());
        }
        Verdict verdict = new Verdict(verifier.position(), verifier.firstMismatch());
        verdict.writeTo(conn.output());
        conn.shutdownOutput();
        return verdict;
    }
}
