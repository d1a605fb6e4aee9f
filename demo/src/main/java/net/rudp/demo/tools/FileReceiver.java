package net.rudp.demo.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import net.rudp.demo.DemoException;
import net.rudp.demo.compare.ProgressView;
import net.rudp.demo.transport.Transport;

/** The receiving end of {@code send}/{@code receive} ({@link FileProtocol}): takes one file and ends. */
final class FileReceiver {
    private static final int CHUNK = 64 * 1024;

    private FileReceiver() {}

    /**
     * What arrived, confirmed by the sender's hash.
     *
     * @param path    where it was written
     * @param size    bytes
     * @param sha256  the SHA-256 of the bytes written, equal to the sender's
     * @param from    the sender's address
     * @param elapsed nanoseconds from the header until the last byte
     */
    record Received(Path path, long size, byte[] sha256, InetSocketAddress from, long elapsed) {}

    /** Told the file's name and size once the header has arrived, before its bytes. */
    @FunctionalInterface
    interface Announce {
        void receiving(FileProtocol.Header header, InetSocketAddress from, Path path);
    }

    /** Accepts one connection from {@code listener} and writes its file to {@code destination}. */
    static Received receive(Transport transport, ServerSocket listener, FileDestination destination, Announce announce,
                            ProgressView progress) {
        Socket conn;
        try {
            conn = transport.accept(listener);
        } catch (IOException e) {
            throw DemoException.failure("accepting a sender failed: " + e.getMessage());
        }
        Path written = null; // set once we created the file, so that a failure removes it
        long received = 0;
        try (conn) {
            InetSocketAddress from = (InetSocketAddress) conn.getRemoteSocketAddress();
            InputStream in = conn.getInputStream();
            OutputStream out = conn.getOutputStream();
            FileProtocol.Header header = FileProtocol.readHeader(in);
            long start = System.nanoTime();
            Path path = switch (destination.resolve(header.name())) {
                case FileDestination.Resolved.To to -> to.path();
                case FileDestination.Resolved.Refused refused -> throw refuse(out, refused.reason());
            };
            OutputStream file;
            try {
                file = Files.newOutputStream(path);
            } catch (IOException e) {
                throw refuse(out, "cannot write " + path + ": " + why(e));
            }
            written = path;
            MessageDigest sha256 = FileProtocol.sha256();
            try (file) {
                announce.receiving(header, from, path);
                FileProtocol.writeAnswer(out, Optional.empty());
                try (ProgressView.Bar bar = progress.start("receive", header.size())) {
                    byte[] chunk = new byte[CHUNK];
                    for (int n; received < header.size()
                        && (n = in.read(chunk, 0, (int) Math.min(CHUNK, header.size() - received))) > 0; ) {
                        file.write(chunk, 0, n);
                        sha256.update(chunk, 0, n);
                        received += n;
                        bar.bytesSoFar(received);
                    }
                }
            }
            if (received < header.size()) {
                throw DemoException.failure("the sender stopped after " + received + " of " + header.size() + " bytes");
            }
            long elapsed = System.nanoTime() - start;
            byte[] ours = sha256.digest();
            byte[] theirs = FileProtocol.readDigest(in, "the sender");
            FileProtocol.writeDigest(out, ours);
            if (!Arrays.equals(ours, theirs)) {
                throw DemoException.failure("the SHA-256 of what arrived, " + FileProtocol.hex(ours)
                    + ", differs from the sender's " + FileProtocol.hex(theirs));
            }
            return new Received(path, received, ours, from, elapsed);
        } catch (IOException | DemoException e) {
            deleteQuietly(written);
            throw e instanceof DemoException d ? d : DemoException.failure(
                "the transfer broke off after " + received + " bytes: " + e.getMessage());
        }
    }

    /** Tells the sender why not; returns the failure to throw with the same reason. */
    private static DemoException refuse(OutputStream out, String reason) throws IOException {
        FileProtocol.writeAnswer(out, Optional.of(reason));
        return DemoException.failure("refused the file: " + reason);
    }

    /** An I/O failure on a file, for people. */
    private static String why(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied";
            case NoSuchFileException n -> "no such directory";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getClass().getSimpleName() + ": " + e.getMessage();
        };
    }

    /** A file we could not finish, or whose hash is wrong, would look fine to the next reader: remove it. */
    private static void deleteQuietly(Path written) {
        if (written == null) {
            return;
        }
        try {
            Files.deleteIfExists(written);
        } catch (IOException e) {
            // the failure being reported matters more; the partial file stays
        }
    }
}
