package net.rudp.demo.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.rudp.demo.tools.TestTools;
import net.rudp.demo.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** perf's client against its server on loopback: the JSON document's numbers, the lines, -b, --bidir, a busy server. */
class PerfTest {
    private Server server;

    /** A perf server in this process, TCP and rudp on one loopback port, as {@code perf server} runs it. */
    private static final class Server implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final PerfServer perf;
        final int port;

        Server() throws IOException {
            Transport tcp = TestTools.transport("tcp");
            Transport rudp = TestTools.transport("rudp");
            ServerSocket tcpListener = tcp.listen(TestTools.ANY_LOOPBACK_PORT, 8);
            port = tcpListener.getLocalPort();
            ServerSocket rudpListener = rudp.listen(new InetSocketAddress(tcpListener.getInetAddress(), port), 8);
            perf = new PerfServer(List.of(new PerfServer.Endpoint(tcp, tcpListener), new PerfServer.Endpoint(rudp, rudpListener)),
                Duration.ofMillis(200), false, new PrintWriter(out));
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    perf.serve();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        String address() {
            return "127.0.0.1:" + port;
        }

        @Override
        public void close() {
            perf.close();
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new Server();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private TestTools.Run client(String... args) {
        String[] withServer = java.util.Arrays.copyOf(args, args.length + 1);
        withServer[args.length] = server.address();
        return TestTools.run(new PerfClientCommand(), withServer);
    }

    /** Parses stdout strictly as one JSON document and nothing else. */
    private static JsonObject document(TestTools.Run run) throws IOException {
        assertEquals(0, run.exitCode(), run.err());
        JsonReader reader = new JsonReader(new StringReader(run.out()));
        reader.setStrictness(Strictness.STRICT);
        JsonElement doc = JsonParser.parseReader(reader);
        assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "stdout holds one JSON document only");
        return doc.getAsJsonObject();
    }

    private static long bytes(JsonObject end, String sum) {
        return end.getAsJsonObject(sum).get("bytes").getAsLong();
    }

    @Test
    void theJsonTotalsAreTheBytesAskedForAtBothEnds() throws IOException {
        JsonObject doc = document(client("-n", "3MiB", "-P", "2", "-i", "0.05", "-J", "--transport", "rudp"));
        JsonObject testStart = doc.getAsJsonObject("start").getAsJsonObject("test_start");
        assertEquals("rudp", testStart.get("protocol").getAsString());
        assertEquals(2, testStart.get("num_streams").getAsInt());
        JsonObject end = doc.getAsJsonObject("end");
        assertEquals(3 << 20, bytes(end, "sum_sent"), "what the client sent");
        assertEquals(3 << 20, bytes(end, "sum_received"), "what the server says it received");
        JsonArray streams = end.getAsJsonArray("streams");
        assertEquals(2, streams.size());
        for (JsonElement s : streams) {
            JsonObject sender = s.getAsJsonObject().getAsJsonObject("sender");
            assertEquals(3 << 19, sender.get("bytes").getAsLong(), "each stream sends half");
            assertEquals(3 << 19, s.getAsJsonObject().getAsJsonObject("receiver").get("bytes").getAsLong());
            assertEquals("bbr", sender.get("congestion_control").getAsString());
            assertTrue(sender.get("snd_cwnd").getAsLong() > 0 && sender.get("rtt").getAsLong() > 0, sender.toString());
        }
        long inIntervals = 0;
        for (JsonElement interval : doc.getAsJsonArray("intervals")) {
            inIntervals += interval.getAsJsonObject().getAsJsonObject("sum").get("bytes").getAsLong();
        }
        assertEquals(3 << 20, inIntervals, "the intervals add up to the whole transfer");
        assertTrue(server.out.toString().contains("Accepted connection from 127.0.0.1, port "), server.out.toString());
    }

    @Test
    void reverseOverTcpShowsTheServersSendingAndThisEndsReceiving() {
        TestTools.Run run = client("-R", "-t", "0.5", "-i", "0.2", "--transport", "tcp");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("Connecting to host 127.0.0.1, port " + server.port + " (tcp)", lines.get(0));
        assertEquals("[  1] connected to 127.0.0.1 port " + server.port, lines.get(1));
        assertTrue(lines.get(2).matches("\\[ ID] Interval +Transfer +Bitrate"), "a receiver has no Retr/Cwnd/RTT: " + lines.get(2));
        long intervalLines = lines.stream().filter(l -> l.matches("\\[  1] +\\d+\\.\\d\\d-\\d+\\.\\d\\d +sec +\\S+ \\S+ +\\S+ \\S+")).count();
        assertTrue(intervalLines >= 2, "a line per 0.2 s of 0.5 s:\n" + run.out());
        String sender = lines.stream().filter(l -> l.endsWith(" sender")).findFirst().orElseThrow();
        String receiver = lines.stream().filter(l -> l.endsWith(" receiver")).findFirst().orElseThrow();
        assertTrue(sender.matches("\\[  1] +0\\.00-\\d\\.\\d\\d +sec +(\\S+ \\S+) +\\S+ \\S+ +\\S+ \\S+ +sender"), sender);
        assertEquals(sender.split(" sec +")[1].split("  ")[0], receiver.split(" sec +")[1].split("  ")[0],
            "the receiver got what the sender sent:\n" + run.out());
        assertEquals("perf Done.", lines.getLast());
    }

    @Test
    void bitrateHoldsTheSenderToItsRate() throws IOException {
        long rate = 4_000_000;
        int block = 8 * 1024;
        JsonObject end = document(client("-b", "4M", "-t", "1", "-l", "8KiB", "-J", "--transport", "rudp")).getAsJsonObject("end");
        JsonObject sent = end.getAsJsonObject("sum_sent");
        double seconds = sent.get("seconds").getAsDouble();
        long bytes = sent.get("bytes").getAsLong();
        assertTrue(bytes > 0 && bytes <= rate / 8 * seconds + block,
            bytes + " bytes in " + seconds + " s is more than 4 Mbit/s and a block allow");
        assertEquals(bytes, bytes(end, "sum_received"));
    }

    @Test
    void bidirMovesTheBytesBothWaysAtOnce() throws IOException {
        JsonObject end = document(client("--bidir", "-n", "1MiB", "-J", "--transport", "tcp")).getAsJsonObject("end");
        for (String sum : List.of("sum_sent", "sum_received", "sum_sent_bidir_reverse", "sum_received_bidir_reverse")) {
            assertEquals(1 << 20, bytes(end, sum), sum);
        }
        assertEquals(2, end.getAsJsonArray("streams").size(), "one stream each way");
    }

    @Test
    void aSecondClientIsToldTheServerIsBusy() throws Exception {
        CompletableFuture<TestTools.Run> first = CompletableFuture.supplyAsync(() -> client("-t", "2", "--transport", "rudp"));
        for (int i = 0; i < 200 && !server.out.toString().contains("Accepted connection"); i++) {
            Thread.sleep(50);
        }
        TestTools.Run second = client("-t", "1", "--transport", "tcp");
        assertEquals(1, second.exitCode(), second.out());
        assertEquals("rudp-demo: the server at " + server.address() + " refused the test: the server is busy running a "
            + "test; try again later" + System.lineSeparator(), second.err());
        assertEquals(0, first.get().exitCode(), first.get().err());
        assertFalse(first.get().out().isEmpty());
    }
}
