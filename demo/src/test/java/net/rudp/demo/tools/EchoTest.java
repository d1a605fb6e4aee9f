package net.rudp.demo.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.rudp.demo.transport.Transport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The echo server in both modes and the echo clients, over TCP and rudp. */
class EchoTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** 3 clients with 5 messages of 3000 bytes each: more than one rudp datagram per message. */
    private static EchoRun threeClients(Transport transport, EchoServer server) throws InterruptedException {
        return EchoClients.run(transport, server.localAddress(), new EchoClients.Settings(3, 1, 5, 3000, Duration.ZERO, TIMEOUT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rudp"})
    void everyClientGetsEveryEchoInBothModes(String name) throws Exception {
        Transport transport = TestTools.transport(name);
        for (EchoMode mode : EchoMode.values()) {
            EchoRun run;
            try (EchoServer server = EchoServer.listen(transport, TestTools.ANY_LOOPBACK_PORT, mode, 3, line -> {})
                .serveInBackground()) {
                run = threeClients(transport, server);
            }
            assertEquals(List.of(), run.failed(), mode + " over " + name);
            assertEquals(List.of(1, 2, 3), run.served().stream().map(ClientOutcome.Served::client).toList());
            assertEquals(15, run.roundTrips().orElseThrow().count(), "5 timed messages per client, after 1 warm-up");
            for (ClientOutcome.Served s : run.served()) {
                assertTrue(s.connected() <= s.firstEcho() && s.firstEcho() <= s.finished(), s.toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rudp"})
    void theRepetitiveServerFinishesEachClientBeforeAcceptingTheNext(String name) throws Exception {
        Transport transport = TestTools.transport(name);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        EchoRun run;
        try (EchoServer server = EchoServer.listen(transport, TestTools.ANY_LOOPBACK_PORT, EchoMode.REPETITIVE, 3, log::add)
            .serveInBackground()) {
            run = threeClients(transport, server);
        }
        assertEquals(List.of(), run.failed());
        List<String> events = log.stream().map(line -> line.replaceAll("^\\[(\\d)] .*(connected|done).*$", "$1 $2")).toList();
        assertEquals(List.of("1 connected", "1 done", "2 connected", "2 done", "3 connected", "3 done"), events, log.toString());
        assertTrue(log.get(1).matches("\\[1] done: 18000 bytes echoed in \\S+ \\S+"), log.get(1));
    }

    /**
     * Four connections each get an echo while all four are open: only a server that serves them
     * at the same time can do that (a repetitive one would wait for the first to close).
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rudp"})
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a server that fails this waits forever
    void theConcurrentServerServesOpenConnectionsAtOnce(String name) throws Exception {
        Transport transport = TestTools.transport(name);
        try (EchoServer server = EchoServer.listen(transport, TestTools.ANY_LOOPBACK_PORT, EchoMode.CONCURRENT, 4, line -> {})
            .serveInBackground()) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    open.add(transport.connect(server.localAddress(), TIMEOUT));
                }
                for (int i = open.size() - 1; i >= 0; i--) {
                    byte[] message = ("hello from connection " + i).getBytes();
                    open.get(i).getOutputStream().write(message);
                    InputStream in = open.get(i).getInputStream();
                    assertArrayEquals(message, in.readNBytes(message.length));
                }
            } finally {
                for (Socket conn : open) {
                    conn.shutdownOutput();
                    assertEquals(-1, conn.getInputStream().read(), "the server closes after the client's end of stream");
                    conn.close();
                }
            }
        }
    }
}
