package net.rudp.demo.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.rudp.demo.DemoException;
import net.rudp.demo.compare.ProgressView;
import net.rudp.demo.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** send / receive: a file across, its SHA-256 equal on both ends, and the refusals. */
class FileTransferTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path randomFile(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new SplittableRandom(size).nextBytes(bytes);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private CompletableFuture<FileReceiver.Received> receiveInto(Transport transport, ServerSocket listener, Optional<Path> out) {
        return CompletableFuture.supplyAsync(() -> FileReceiver.receive(transport, listener, new FileDestination(out),
            (header, from, path) -> {}, ProgressView.NONE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rudp"})
    void aFileArrivesWholeWithTheSameHashOnBothEnds(String name) throws Exception {
        Transport transport = TestTools.transport(name);
        Path file = randomFile("data.bin", 3 << 20);
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        try (ServerSocket listener = transport.listen(TestTools.ANY_LOOPBACK_PORT, 1)) {
            CompletableFuture<FileReceiver.Received> receiving = receiveInto(transport, listener, Optional.of(inbox));
            InetSocketAddress to = (InetSocketAddress) listener.getLocalSocketAddress();
            FileSender.Sent sent = FileSender.send(transport, file, to, TIMEOUT, ProgressView.NONE);
            FileReceiver.Received received = receiving.get(30, TimeUnit.SECONDS);
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            assertArrayEquals(expected, sent.sha256());
            assertArrayEquals(expected, received.sha256());
            assertEquals(inbox.resolve("data.bin"), received.path());
            assertEquals(3 << 20, received.size());
            assertEquals(-1, Files.mismatch(file, received.path()));
        }
    }

    @Test
    void anExistingFileIsNotReplacedAndBothEndsSayWhy() throws Exception {
        Transport tcp = TestTools.transport("tcp");
        Path file = randomFile("data.bin", 1000);
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        Files.writeString(inbox.resolve("data.bin"), "keep me");
        try (ServerSocket listener = tcp.listen(TestTools.ANY_LOOPBACK_PORT, 1)) {
            CompletableFuture<FileReceiver.Received> receiving = receiveInto(tcp, listener, Optional.of(inbox));
            DemoException atSender = assertThrows(DemoException.class,
                () -> FileSender.send(tcp, file, (InetSocketAddress) listener.getLocalSocketAddress(), TIMEOUT, ProgressView.NONE));
            String why = inbox.resolve("data.bin") + " exists at the receiver (receive --out FILE overwrites)";
            assertEquals("the receiver refused the file: " + why, atSender.getMessage());
            Throwable atReceiver = assertThrows(Exception.class, () -> receiving.get(30, TimeUnit.SECONDS)).getCause();
            assertEquals("refused the file: " + why, atReceiver.getMessage());
            assertEquals("keep me", Files.readString(inbox.resolve("data.bin")));
        }
    }

    @Test
    void aSenderPointedAtAnEchoServerSaysSo() throws Exception {
        Transport tcp = TestTools.transport("tcp");
        Path file = randomFile("data.bin", 1000);
        try (EchoServer echo = EchoServer.listen(tcp, TestTools.ANY_LOOPBACK_PORT, EchoMode.CONCURRENT, 1, line -> {})
            .serveInBackground()) {
            DemoException e = assertThrows(DemoException.class,
                () -> FileSender.send(tcp, file, echo.localAddress(), TIMEOUT, ProgressView.NONE));
            assertEquals("the receiver does not speak send/receive (is it a rudp-demo receive?)", e.getMessage());
        }
    }

    /** The two commands against each other, as a user runs them, over both transports. */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rudp"})
    void theCommandsPrintTheSameHash(String name) throws Exception {
        Path file = randomFile("photo.jpg", 200_000);
        Path copy = dir.resolve("copy.jpg");
        int port = freePort();
        CompletableFuture<TestTools.Run> receive = CompletableFuture.supplyAsync(() -> TestTools.run(
            new ReceiveCommand(TestTools.TRANSPORTS), "--transport", name, "--bind", "127.0.0.1", "--port",
            Integer.toString(port), "--out", copy.toString()));
        TestTools.Run send = sendWhenListening(name, file, port);
        TestTools.Run received = receive.get(30, TimeUnit.SECONDS);
        assertEquals(0, send.exitCode(), send.err());
        assertEquals(0, received.exitCode(), received.err());
        String hash = hex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertTrue(send.out().contains(hash + "  " + file + "\nthe receiver's SHA-256 is the same\n"), send.out());
        assertTrue(received.out().contains(hash + "  " + copy + "\nthe sender's SHA-256 is the same\n"), received.out());
        assertTrue(received.out().startsWith("receive: listening on 127.0.0.1:" + port + " (" + name + ")"), received.out());
        assertFalse(received.out().contains("Exception"), received.out());
    }

    /** The receiver starts on another thread: retry while it is not listening yet (connection refused). */
    private static TestTools.Run sendWhenListening(String transport, Path file, int port) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            TestTools.Run send = TestTools.run(new SendCommand(TestTools.TRANSPORTS), "--transport", transport,
                file.toString(), "127.0.0.1:" + port);
            if (send.exitCode() == 0 || !send.err().contains("nothing accepts connections") || attempt == 100) {
                return send;
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
