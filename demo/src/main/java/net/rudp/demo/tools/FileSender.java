package net.rudp.demo.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import net.rudp.demo.DemoException;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.cli.NetworkErrors;
import net.rudp.demo.compare.ProgressView;
import net.rudp.demo.transport.Transport;

/** The sending end of {@code send}/{@code receive} ({@link FileProtocol}). */
final class FileSender {
    private static final int CHUNK = 64 * 1024;

    private FileSender() {}

    /**
     * What was sent, confirmed by the receiver.
     *
     * @param size    bytes of the file
     * @param sha256  the file's SHA-256, equal to the receiver's
     * @param elapsed nanoseconds from connecting until the receiver's hash arrived
     */
    record Sent(long size, byte[] sha256, long elapsed) {}

    /** The file's size; fails with a one-line reason if it is not a readable regular file. */
    static long readableSize(Path file) {
        if (!Files.exists(file)) {
            throw DemoException.failure("cannot read " + file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw DemoException.failure("cannot read " + file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw DemoException.failure("cannot read " + file + ": permission denied");
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw DemoException.failure("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Sends {@code file} to a receiver at {@code to}; fails unless the receiver confirms its SHA-256. */
    static Sent send(Transport transport, Path file, InetSocketAddress to, Duration connectTimeout, ProgressView progress) {
        long size = readableSize(file);
        long start = System.nanoTime();
        Socket conn;
        try {
            conn = transport.connect(to, connectTimeout);
        } catch (IOException e) {
            throw DemoException.failure(NetworkErrors.describe(e, "connect to", HostPort.format(to)));
        }
        long sent = 0;
        try (conn; InputStream source = Files.newInputStream(file)) {
            OutputStream out = conn.getOutputStream();
            InputStream in = conn.getInputStream();
            FileProtocol.writeHeader(out, new FileProtocol.Header(file.getFileName().toString(), size));
            Optional<String> refusal = FileProtocol.readAnswer(in);
            if (refusal.isPresent()) {
                throw DemoException.failure("the receiver refused the file: " + refusal.get());
            }
            MessageDigest sha256 = FileProtocol.sha256();
            try (ProgressView.Bar bar = progress.start("send", size)) {
                byte[] chunk = new byte[CHUNK];
                for (int n; sent < size && (n = source.read(chunk, 0, (int) Math.min(CHUNK, size - sent))) > 0; ) {
                    out.write(chunk, 0, n);
                    sha256.update(chunk, 0, n);
                    sent += n;
                    bar.bytesSoFar(sent);
                }
            }
            if (sent != size) {
                throw DemoException.failure(file + " changed while it was sent: " + sent + " bytes instead of " + size);
            }
            byte[] ours = sha256.digest();
            FileProtocol.writeDigest(out, ours);
            conn.shutdownOutput();
            byte[] theirs = FileProtocol.readDigest(in, "the receiver");
            if (!Arrays.equals(ours, theirs)) {
                throw DemoException.failure("the receiver's SHA-256 " + FileProtocol.hex(theirs) + " differs from the file's "
                    + FileProtocol.hex(ours));
            }
            return new Sent(size, ours, System.nanoTime() - start);
        } catch (IOException e) {
            throw DemoException.failure("the transfer to " + HostPort.format(to) + " broke off (" + sent + " of " + size
                + " bytes written): " + e.getMessage());
        }
    }
}
