package net.rudp.demo.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The bulk transfer every comparison runs. The sender writes {@code size} bytes of a
 * {@link PatternStream} and waits for the receiver's {@link Verdict}; the receiver reads
 * {@code size} bytes, checking every one, and answers with the verdict. Only then does the sender
 * close (so it can still read its connection's counters: the kernel drops a TCP connection's
 * {@code tcp_info} once both FINs are exchanged), and the receiver reads on to end of stream to
 * catch any bytes beyond {@code size}. A sender with a time limit may end the stream early; the
 * receiver's verdict then covers the shorter stream.
 */
public final class BulkTransfer {
    /** Bytes per write and per read: large enough that per-call overhead does not dominate. */
    public static final int CHUNK = 64 * 1024;

    private BulkTransfer() {}

    /** Told how many bytes have arrived so far, after every read. */
    @FunctionalInterface
    public interface Progress {
        void bytesSoFar(long bytes);
    }

    /** Sends {@code size} bytes of {@code pattern}, then waits for the receiver's verdict; the caller closes. */
    public static Verdict send(Socket conn, long size, PatternStream pattern) throws IOException {
        return send(conn, size, pattern, Long.MAX_VALUE).verdict();
    }

    /**
     * What a sender sent and what the receiver found.
     *
     * @param bytes the stream's length: {@code size}, or less if the time ran out first
     */
    public record Sent(long bytes, Verdict verdict) {}

    /**
     * Sends {@code size} bytes of {@code pattern}, or stops writing earlier once it has written for
     * {@code writeForNanos} (checked between chunks; {@link Long#MAX_VALUE} for no limit) and then
     * ends the stream (a FIN), so the receiver sees where it ends; then waits for the receiver's
     * verdict. What was written still has to arrive. The caller closes.
     */
    public static Sent send(Socket conn, long size, PatternStream pattern, long writeForNanos) throws IOException {
        byte[] chunk = new byte[CHUNK];
        OutputStream out = conn.getOutputStream();
        long start = System.nanoTime();
        long sent = 0;
        while (sent < size && System.nanoTime() - start < writeForNanos) {
            int n = (int) Math.min(CHUNK, size - sent);
            pattern.fill(sent, chunk, 0, n);
            out.write(chunk, 0, n);
            sent += n;
        }
        out.flush();
        if (sent < size) {
            conn.shutdownOutput();
        }
        return new Sent(sent, Verdict.readFrom(conn.getInputStream()));
    }

    /**
     * Reads {@code size} bytes (fewer if the stream ends first), checking every byte against
     * {@code pattern} (to say where the first wrong byte is) and hashing it with SHA-256 (to
     * compare with the sender's digest), and answers with the verdict, which it returns. Call
     * {@link #awaitEnd} next.
     */
    public static Verdict receive(Socket conn, long size, PatternStream pattern, Progress progress) throws IOException {
        byte[] chunk = new byte[CHUNK];
        PatternStream.Verifier verifier = pattern.verifier();
        MessageDigest sha256 = PatternStream.sha256();
        InputStream in = conn.getInputStream();
        for (int n = 0; n >= 0 && verifier.position() < size; ) {
            n = in.read(chunk, 0, (int) Math.min(CHUNK, size - verifier.position()));
            if (n > 0) {
                verifier.accept(chunk, 0, n);
                sha256.update(chunk, 0, n);
                progress.bytesSoFar(verifier.position());
            }
        }
        Verdict verdict = new Verdict(verifier.position(), verifier.firstMismatch(), HexFormat.of().formatHex(sha256.digest()));
        verdict.writeTo(conn.getOutputStream());
        return verdict;
    }

    /**
     * Reads until the sender closes; returns {@code verdict} counting what arrived beyond the
     * bytes it covers (nothing, unless the transport delivered more than was sent).
     */
    public static Verdict awaitEnd(Socket conn, Verdict verdict) throws IOException {
        long beyond = conn.getInputStream().transferTo(OutputStream.nullOutputStream());
        return beyond == 0 ? verdict : new Verdict(verdict.bytesReceived() + beyond, verdict.firstMismatch(), verdict.sha256());
    }
}
