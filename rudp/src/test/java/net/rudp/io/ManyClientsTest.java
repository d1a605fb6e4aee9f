package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many client connections from one JVM to one server port share a few client endpoints: the
 * number of rudp threads stays bounded, and each connection carries its own bytes. The server
 * is a child JVM, so that this JVM's threads and heap are the clients' alone.
 *
 * <p>The long run, which also prints the connect rate and the idle heap per connection:
 * {@code ./mvnw -B -pl rudp test -Dtest=ManyClientsTest -Drudp.clients=10000}; with
 * {@code -Drudp.quietSeconds=17} it measures the heap again once the connections have been quiet
 * past a keepalive (spec 9.1: a connection gives its send storage back a second after its last
 * data, at the next ACK or timer, which on an idle connection is the keepalive's).
 */
class ManyClientsTest {

    private static final int CLIENTS = Integer.getInteger("rudp.clients", 1_000);
    private static final int QUIET_SECONDS = Integer.getInteger("rudp.quietSeconds", 0);
    /** Calls in progress at once (a browser opens a few per host; a load generator, dozens). */
    private static final int CALLS_AT_ONCE = 64;
    private static final int MESSAGE = 16;
    private static final long SECONDS = 1_000_000_000L;
    private static final ConnectionConfig CONFIG = ConnectionConfig.DEFAULT.withTimeWait(100_000_000L);

    /** The child: an echo server on a loopback port it prints, until its standard input ends. */
    public static void main(String[] args) throws Exception {
        Acceptor acceptor = EndpointDriver.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            4 * CALLS_AT_ONCE, CONFIG);
        System.out.println(acceptor.localAddress().getPort());
        System.out.flush();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent's pipe: it ends when the parent does
                }
            } catch (IOException ignored) {
                // ends all the same
            }
            System.exit(0);
        });
        while (true) {
            BlockingConnection c = acceptor.accept(BlockingConnection.FOREVER);
            Thread.ofVirtual().start(() -> echo(c));
        }
    }

    private static void echo(BlockingConnection c) {
        byte[] buffer = new byte[MESSAGE];
        try {
            for (int n; (n = c.read(buffer, 0, buffer.length, BlockingConnection.FOREVER)) > 0; ) c.write(buffer, 0, n);
        } catch (IOException ignored) {
            // the client went away
        }
        c.close();
    }

    @Test
    @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void clientsShareAFewEndpointsAndEachGetsItsOwnBytesBack() throws Exception {
        Process server = startServer();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), readPort(server));
            connectAll(threads, address, CALLS_AT_ONCE).forEach(BlockingConnection::close); // warms up the JIT, not measured
            int threadsBefore = rudpThreads();
            long heapBefore = heapAfterGc();

            long start = System.nanoTime();
            List<BlockingConnection> clients = connectAll(threads, address, CLIENTS);
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            int threadsWith = rudpThreads();
            long heapWith = heapAfterGc();
            long endpoints = clients.stream().mapToInt(c -> c.localAddress().getPort()).distinct().count();
            System.out.printf("%d client connections from one JVM to one server port: %d client endpoints, %d rudp threads"
                    + " (%d before), connected at %.0f/s, idle heap %.1f KiB per connection (%d cores)%n",
                CLIENTS, endpoints, threadsWith, threadsBefore, CLIENTS / connectSeconds,
                (heapWith - heapBefore) / 1024.0 / CLIENTS, Runtime.getRuntime().availableProcessors());
            if (QUIET_SECONDS > 0) {
                Thread.sleep(QUIET_SECONDS * 1_000L);
                System.out.printf("after %d s quiet: idle heap %.1f KiB per connection, %d of %d still open%n", QUIET_SECONDS,
                    (heapAfterGc() - heapBefore) / 1024.0 / CLIENTS, clients.stream().filter(c -> c.state() == ConnectionState.ESTABLISHED).count(), CLIENTS);
            }

            assertTrue(endpoints <= SharedEndpoints.MAX_PER_CONFIG, endpoints + " endpoints");
            assertTrue(threadsWith - threadsBefore <= SharedEndpoints.MAX_PER_CONFIG,
                "the clients added " + (threadsWith - threadsBefore) + " rudp threads; at most one per shared endpoint");
            for (BlockingConnection c : clients) c.close();
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Connects {@code n} clients, at most {@link #CALLS_AT_ONCE} calls at a time; each checks its echo. */
    private static List<BlockingConnection> connectAll(ExecutorService threads, InetSocketAddress server, int n)
            throws Exception {
        Semaphore calls = new Semaphore(CALLS_AT_ONCE);
        List<Future<BlockingConnection>> clients = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long id = i;
            calls.acquire();
            clients.add(threads.submit(() -> {
                try {
                    return connectAndCheckEcho(server, id);
                } finally {
                    calls.release();
                }
            }));
        }
        List<BlockingConnection> connected = new ArrayList<>(n);
        for (Future<BlockingConnection> c : clients) connected.add(c.get());
        return connected;
    }

    private static BlockingConnection connectAndCheckEcho(InetSocketAddress server, long id) throws IOException {
        BlockingConnection c = EndpointDriver.connect(null, server, CONFIG);
        c.awaitConnected(10 * SECONDS);
        byte[] message = ByteBuffer.allocate(MESSAGE).putLong(id).putLong(id * 0x9E3779B97F4A7C15L).array();
        c.write(message, 0, message.length);
        byte[] echo = new byte[MESSAGE];
        for (int at = 0, n; at < echo.length; at += n) {
            n = c.read(echo, at, echo.length - at, 10 * SECONDS);
            assertTrue(n > 0, "connection " + id + ": end of stream before the echo");
        }
        assertArrayEquals(message, echo, "connection " + id + " got other bytes back than it sent");
        return c;
    }

    private static Process startServer() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ManyClientsTest.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int readPort(Process server) throws IOException {
        String line = new BufferedReader(new InputStreamReader(server.getInputStream())).readLine();
        assertTrue(line != null, "the server printed no port");
        return Integer.parseInt(line.trim());
    }

    private static int rudpThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("rudp-")).count();
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
            Thread.sleep(50); // lets the collector finish what it queued (reference processing)
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
