package net.rudp.api;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stream and lifecycle behaviours written once against plain {@link Socket} and
 * {@link ServerSocket} references and run on kernel TCP and on rudp (each made by its
 * transport's factories): rudp's sockets must behave as java.net's do. Where rudp deliberately
 * differs, the test says so.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("net.rudp.api.TestTransport#both")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketParityTest {

    @Parameter
    TestTransport transport;

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = closeLater(transport.listen(0, 50));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) c.close();
        threads.shutdownNow();
    }

    @Test
    void readReturnsEndOfStreamAfterThePeerCloses() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        client.getOutputStream().write("hello".getBytes(US_ASCII));
        client.close();
        InputStream in = accepted.getInputStream();
        assertEquals("hello", new String(in.readAllBytes(), US_ASCII));
        assertEquals(-1, in.read(), "end of stream stays end of stream");
        assertEquals(-1, in.read(new byte[10], 0, 10));
    }

    @Test
    void halfCloseKeepsTheOtherDirectionOpen() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        client.getOutputStream().write("request".getBytes(US_ASCII));
        client.shutdownOutput();
        assertEquals("request", new String(accepted.getInputStream().readAllBytes(), US_ASCII));
        accepted.getOutputStream().write("response".getBytes(US_ASCII));
        accepted.close();
        assertEquals("response", new String(client.getInputStream().readAllBytes(), US_ASCII));
        SocketException e = assertThrows(SocketException.class, () -> client.getOutputStream().write(1));
        assertEquals("Socket output is shutdown", e.getMessage());
    }

    @Test
    void shutdownInputMakesReadsReturnEndOfStream() throws Exception {
        Socket client = connect();
        accept();
        InputStream in = client.getInputStream();
        client.shutdownInput();
        assertEquals(-1, in.read());
    }

    @Test
    void readTimesOutAndTheSocketStaysUsable() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        client.setSoTimeout(200);
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
        assertEquals("Read timed out", e.getMessage());
        accepted.getOutputStream().write(42);
        assertEquals(42, client.getInputStream().read());
    }

    @Test
    void connectingWhereNobodyListensIsRefused() throws Exception {
        InetSocketAddress nobody = transport.unusedAddress();
        ConnectException e = assertThrows(ConnectException.class, () -> transport.connect(nobody, 5_000));
        assertEquals("Connection refused", e.getMessage());
    }

    @Test
    void abortResetsThePeer() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        abort(client);
        SocketException e = assertThrows(SocketException.class, () -> accepted.getInputStream().read());
        assertEquals("Connection reset", e.getMessage());
    }

    @Test
    void writingAndReadingAfterCloseThrow() throws Exception {
        Socket client = connect();
        accept();
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        client.close();
        assertTrue(client.isClosed());
        assertTrue(client.isConnected(), "a closed socket still says it was connected");
        assertEquals("Socket closed", assertThrows(SocketException.class, () -> out.write(1)).getMessage());
        assertEquals("Socket closed", assertThrows(SocketException.class, in::read).getMessage());
        assertEquals("Socket is closed", assertThrows(SocketException.class, client::getInputStream).getMessage());
    }

    @Test
    void closeUnblocksAReaderInAnotherThread() throws Exception {
        Socket client = connect();
        accept();
        InputStream in = client.getInputStream();
        FutureTask<Integer> reader = startBlocked(in::read);
        client.close();
        Exception e = assertThrows(Exception.class, reader::get);
        assertEquals("Socket closed", e.getCause().getMessage());
    }

    @Test
    void acceptAfterTheListenerClosesThrows() throws Exception {
        server.close();
        SocketException e = assertThrows(SocketException.class, server::accept);
        assertEquals("Socket is closed", e.getMessage());
    }

    @Test
    void closingTheListenerWakesABlockedAccept() throws Exception {
        FutureTask<Socket> acceptor = startBlocked(server::accept);
        server.close();
        Exception e = assertThrows(Exception.class, acceptor::get);
        assertEquals("Socket closed", e.getCause().getMessage());
    }

    @Test
    void acceptTimesOut() throws Exception {
        server.setSoTimeout(100);
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, server::accept);
        assertEquals("Accept timed out", e.getMessage());
    }

    @Test
    void closingTheListenerKeepsAcceptedConnections() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        server.close();
        client.getOutputStream().write("still".getBytes(US_ASCII));
        client.shutdownOutput();
        assertEquals("still", new String(accepted.getInputStream().readAllBytes(), US_ASCII));
        accepted.getOutputStream().write("here".getBytes(US_ASCII));
        accepted.close();
        assertEquals("here", new String(client.getInputStream().readAllBytes(), US_ASCII));
    }

    @Test
    void tinyAndHugeWritesArriveIntactThroughRandomReads() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        // Both directions at once: 1-byte writes, 1 MB writes and everything between.
        byte[] up = randomBytes(1, 6 << 20);
        byte[] down = randomBytes(2, 6 << 20);
        Future<?> upWriter = threads.submit(() -> writeInRandomPieces(client.getOutputStream(), up, 3));
        Future<?> downWriter = threads.submit(() -> writeInRandomPieces(accepted.getOutputStream(), down, 4));
        Future<byte[]> upReader = threads.submit(() -> readInRandomPieces(accepted.getInputStream(), up.length, 5));
        Future<byte[]> downReader = threads.submit(() -> readInRandomPieces(client.getInputStream(), down.length, 6));
        upWriter.get();
        downWriter.get();
        assertArrayEquals(up, upReader.get());
        assertArrayEquals(down, downReader.get());
    }

    @Test
    void closeWithDataInFlightLosesNothing() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        byte[] data = randomBytes(7, 16 << 20);
        // close() returns while much of the data is still buffered and unacknowledged.
        Future<?> writer = threads.submit(() -> {
            client.getOutputStream().write(data);
            client.close();
            return null;
        });
        MessageDigest got = MessageDigest.getInstance("SHA-256");
        InputStream in = accepted.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; total += n) got.update(buffer, 0, n);
        writer.get();
        assertEquals(data.length, total);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), got.digest());
    }

    @Test
    void aWriterBlocksWhileThePeerDoesNotReadAndResumesWhenItDoes() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        // More than both sides' buffers hold: the writer must block until the reader drains.
        byte[] data = randomBytes(11, 24 << 20);
        FutureTask<Void> writer = startBlocked(() -> {
            client.getOutputStream().write(data);
            client.shutdownOutput();
            return null;
        });
        assertFalse(writer.isDone(), "the writer blocks on a full send buffer and a closed window");
        assertArrayEquals(data, accepted.getInputStream().readAllBytes());
        writer.get();
    }

    @Test
    void writingToAPeerThatClosedFailsSoon() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        accepted.close();
        assertEquals(-1, client.getInputStream().read(), "the peer's FIN arrives first");
        OutputStream out = client.getOutputStream();
        // The first write reaches a socket that will never read it; its RST fails a later write.
        // Bounded: each round waits a little for the RST to come back.
        SocketException e = null;
        for (int round = 0; round < 200 && e == null; round++) {
            try {
                out.write(new byte[100]);
                Thread.sleep(10);
            } catch (SocketException x) {
                e = x;
            }
        }
        assertTrue(e != null, "writing to a closed peer never failed");
        // TCP on Linux says "Broken pipe" (EPIPE) or "Connection reset"; rudp says "Connection reset".
        assertTrue(List.of("Broken pipe", "Connection reset", "Connection reset by peer").contains(e.getMessage()), e.getMessage());
    }

    @Test
    void aServerRestartedAtOnceOnTheSamePortWorks() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        accepted.getOutputStream().write(1);
        assertEquals(1, client.getInputStream().read());
        // The server closes first, so its side lingers in TIME_WAIT (TCP and rudp alike).
        accepted.close();
        assertEquals(-1, client.getInputStream().read());
        client.close();
        int port = address(server).getPort();
        server.close();

        ServerSocket again = closeLater(transport.listen(port, 50));
        Socket client2 = closeLater(transport.connect(address(again), 5_000));
        Socket accepted2 = closeLater(again.accept());
        client2.getOutputStream().write(2);
        assertEquals(2, accepted2.getInputStream().read());
    }

    @Test
    void framedMessagesKeepTheirBoundaries() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        List<byte[]> messages = List.of(new byte[0], randomBytes(8, 1), randomBytes(9, 70_000), randomBytes(10, 1 << 20));
        Future<?> writer = threads.submit(() -> {
            for (byte[] m : messages) MessageFraming.writeMessage(client.getOutputStream(), m);
            client.shutdownOutput();
            return null;
        });
        for (byte[] m : messages) assertArrayEquals(m, MessageFraming.readMessage(accepted.getInputStream()));
        assertNull(MessageFraming.readMessage(accepted.getInputStream()), "clean end of stream between messages");
        writer.get();
    }

    @Test
    void connectedAndClosedFollowTheLifecycle() throws Exception {
        Socket client = connect();
        Socket accepted = accept();
        assertTrue(client.isConnected());
        assertTrue(accepted.isConnected());
        assertFalse(client.isClosed());
        accepted.close();
        assertTrue(accepted.isClosed());
        assertFalse(client.isClosed(), "the peer's close does not close this socket");
    }

    // ---------------------------------------------------------------- helpers

    private static InetSocketAddress address(ServerSocket s) {
        return (InetSocketAddress) s.getLocalSocketAddress();
    }

    /** Close with linger 0: the peer sees a reset. */
    private static void abort(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    private Socket connect() throws IOException {
        return closeLater(transport.connect(address(server), 5_000));
    }

    /** Both transports complete the handshake without accept(), so connect-then-accept works in one thread. */
    private Socket accept() throws IOException {
        return closeLater(server.accept());
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    private static byte[] randomBytes(long seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes {@code data} in pieces: runs of 1-byte writes, 1 MB writes and random sizes between. */
    private static Void writeInRandomPieces(OutputStream out, byte[] data, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int at = 0;
        while (at < data.length) {
            int left = data.length - at;
            switch (random.nextInt(4)) {
                case 0 -> {
                    int ones = Math.min(random.nextInt(1, 300), left);
                    for (int i = 0; i < ones; i++) out.write(data[at + i]);
                    at += ones;
                }
                case 1 -> {
                    int n = Math.min(1 << 20, left);
                    out.write(data, at, n);
                    at += n;
                }
                default -> {
                    int n = Math.min(random.nextInt(1, 100_000), left);
                    out.write(data, at, n);
                    at += n;
                }
            }
        }
        return null;
    }

    /** Reads exactly {@code expected} bytes with reads of random sizes (often a single byte). */
    private static byte[] readInRandomPieces(InputStream in, int expected, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] got = new byte[expected];
        int at = 0;
        while (at < expected) {
            int want = random.nextBoolean() ? 1 : random.nextInt(1, 70_000);
            int n = in.read(got, at, Math.min(want, expected - at));
            if (n < 0) throw new IOException("end of stream after " + at + " of " + expected + " bytes");
            at += n;
        }
        return got;
    }

    /** Starts {@code task} in a virtual thread and returns once it blocks (waits) inside it. */
    private static <T> FutureTask<T> startBlocked(Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = Thread.ofVirtual().start(future);
        // Bounded by the test's @Timeout.
        while (!future.isDone() && thread.getState() != Thread.State.WAITING) Thread.onSpinWait();
        return future;
    }
}
