package net.rudp.demo.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.rudp.demo.DemoJvm;
import net.rudp.demo.tools.EchoMode;
import net.rudp.demo.tools.EchoServer;
import net.rudp.demo.tools.TestTools;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.impair.UdpImpairmentRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ping as a person sees it: a line per reply, the statistics, loss under an impaired link, Ctrl-C. */
class PingTest {
    private static final Pattern REPLY = Pattern.compile("64 bytes from 127\\.0\\.0\\.1:\\d+: seq=(\\d+) time=\\d+(\\.\\d+)? ms( \\(late: counted as lost\\))?");
    private static final Pattern COUNTS = Pattern.compile("(\\d+) messages transmitted, (\\d+) received, ([0-9.]+)% loss"
        + "(?: \\((\\d+) late, (\\d+) unanswered\\))?, time \\d+ms");

    /** The counts line of a run's statistics. */
    private record Counts(int transmitted, int received, double lossPercent, int late, int unanswered) {
        static Counts of(String out) {
            Matcher m = COUNTS.matcher(out);
            assertTrue(m.find(), "no statistics in\n" + out);
            return new Counts(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Double.parseDouble(m.group(3)),
                m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), m.group(5) == null ? 0 : Integer.parseInt(m.group(5)));
        }
    }

    private static List<Matcher> replies(String out) {
        return out.lines().map(REPLY::matcher).filter(Matcher::matches).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rudp"})
    void aCountedRunPrintsEachReplyInOrderThenTheStatistics(String transport) {
        TestTools.Run run = TestTools.run(new PingCommand(), "-c", "5", "-i", "0.02", "--transport", transport);
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.getFirst().matches("PING 127\\.0\\.0\\.1:\\d+ \\(" + transport + "\\): 64 data bytes"), lines.getFirst());
        for (int seq = 1; seq <= 5; seq++) {
            Matcher reply = REPLY.matcher(lines.get(seq));
            assertTrue(reply.matches() && reply.group(3) == null, lines.get(seq));
            assertEquals(seq, Integer.parseInt(reply.group(1)));
        }
        assertEquals("", lines.get(6));
        assertTrue(lines.get(7).matches("--- 127\\.0\\.0\\.1:\\d+ ping statistics ---"), lines.get(7));
        assertEquals(new Counts(5, 5, 0, 0, 0), Counts.of(run.out()));
        assertTrue(lines.get(9).matches("rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms"), lines.get(9));
        assertTrue(lines.get(10).matches("rtt p50/p99 = [0-9.]+/[0-9.]+ ms"), lines.get(10));
        assertEquals(11, lines.size(), run.out());
    }

    @Test
    void theDeadlineEndsARunWithoutCount() {
        TestTools.Run run = TestTools.run(new PingCommand(), "-w", "0.5", "-i", "0.1", "-q");
        assertEquals(0, run.exitCode(), run.err());
        Counts counts = Counts.of(run.out());
        assertTrue(counts.transmitted() >= 1 && counts.transmitted() <= 6, "one message per 0.1 s in 0.5 s: " + counts);
        assertEquals(List.of(), replies(run.out()), "-q prints no reply lines");
    }

    /**
     * Through the impairment relay (20% of datagrams dropped each way) rudp resends what was lost,
     * so every reply comes back, but those resent and those queued behind them come back late:
     * with a timeout below the time to detect a loss (the next message, 10 ms later), they count as lost.
     */
    @Test
    void lossThroughAnImpairedLinkIsTheShareOfLateReplies() throws Exception {
        ImpairmentProfile lossy = ImpairmentProfile.NONE.withLoss(0.2);
        int count = 50;
        TestTools.Run run;
        long dropped;
        try (EchoServer server = EchoServer.startOnLoopback(TestTools.transport("rudp"), EchoMode.CONCURRENT, 1);
             UdpImpairmentRelay relay = new UdpImpairmentRelay(server.localAddress(), lossy, lossy, 7).start()) {
            run = TestTools.run(new PingCommand(), "-c", Integer.toString(count), "-i", "10ms", "-W", "5ms",
                "127.0.0.1:" + relay.address().getPort());
            dropped = relay.toServerStats().droppedByLoss() + relay.toClientStats().droppedByLoss();
        }
        System.out.println(run.out());
        assertTrue(dropped > 0, "the relay dropped datagrams");
        Counts counts = Counts.of(run.out());
        List<Matcher> replies = replies(run.out());
        long lateLines = replies.stream().filter(r -> r.group(3) != null).count();
        assertEquals(count, counts.transmitted(), run.out());
        assertTrue(counts.received() < count, "replies held back by resent datagrams count as lost:\n" + run.out());
        assertEquals(counts.received(), replies.size() - lateLines, "a line per reply received in time");
        assertEquals(counts.late(), lateLines, "a line per late reply, marked");
        assertEquals(count, counts.received() + counts.late() + counts.unanswered(), run.out());
        assertEquals(100.0 * (count - counts.received()) / count, counts.lossPercent(), 0.06, run.out());
        for (int i = 0; i < replies.size(); i++) {
            assertEquals(i + 1, Integer.parseInt(replies.get(i).group(1)), "a stream delivers the replies in order");
        }
    }

    /** Without -c, ping runs until interrupted; then, as ping does, it prints the statistics. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void ctrlCPrintsTheStatistics() throws Exception {
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (started as a background job without job control),"
            + " so the ping child inherits that and Ctrl-C cannot reach it; run the tests in the foreground");
        List<String> command = new ArrayList<>(DemoJvm.command());
        command.addAll(List.of("ping", "-i", "0.05", "--transport", "tcp"));
        Process ping = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(ping.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; lines.stream().filter(l -> REPLY.matcher(l).matches()).count() < 3 && (line = out.readLine()) != null; ) {
                lines.add(line);
            }
            new ProcessBuilder("kill", "-INT", Long.toString(ping.pid())).start().waitFor();
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        } finally {
            ping.destroyForcibly();
        }
        assertTrue(ping.waitFor(10, TimeUnit.SECONDS));
        String out = String.join("\n", lines);
        Counts counts = Counts.of(out);
        assertTrue(counts.transmitted() >= 3 && counts.received() >= 3, out);
        assertTrue(out.contains("\nrtt min/avg/max/mdev = "), out);
    }

    /**
     * Whether this process ignores SIGINT (Linux: bit 2 of /proc/self/status's SigIgn mask): a shell
     * without job control starts background jobs so, and children inherit it; the JVM then installs
     * no handler and Ctrl-C does nothing.
     */
    private static boolean sigintIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return false;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) return (Long.parseLong(line.substring(7).trim(), 16) & 0b10) != 0;
        }
        return false;
    }
}
