package net.rudp.demo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.rudp.wire.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    /** What a run printed and returned. */
    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertUsageError(String expectedLine, String... args) {
        Run run = run(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(expectedLine + System.lineSeparator(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void everyCommandHasHelpThatExitsWithZero() {
        for (String[] args : new String[][] {{"--help"}, {"compare", "--help"}, {"packets", "--help"}}) {
            Run run = run(args);
            assertEquals(0, run.exitCode(), String.join(" ", args));
            assertTrue(run.out().startsWith("Usage: rudp-demo"), run.out());
        }
        assertTrue(run("--help").out().contains("compare"));
        assertTrue(run("compare", "--help").out().contains("  wan-loss1   loss=1%,delay=10ms,rate=50mbit,queue=30ms"), run("compare", "--help").out());
    }

    @Test
    void withoutSubcommandItCompares() {
        assertArrayEquals(new String[] {"compare"}, Cli.withDefaultSubcommand(new String[0]));
        assertArrayEquals(new String[] {"compare", "--loss", "1%"}, Cli.withDefaultSubcommand(new String[] {"--loss", "1%"}));
        assertArrayEquals(new String[] {"--help"}, Cli.withDefaultSubcommand(new String[] {"--help"}));
        assertArrayEquals(new String[] {"packets"}, Cli.withDefaultSubcommand(new String[] {"packets"}));
    }

    @Test
    void badArgumentsGiveOneLineAndExitCodeTwo() {
        assertUsageError("rudp-demo: Unknown option: '--bogus' (see rudp-demo compare --help)", "--bogus");
        assertUsageError("rudp-demo: Invalid value for option '--size': invalid size '12xb': use a number with an "
            + "optional unit B, KiB, MiB, GiB (e.g. 20MiB) (see rudp-demo compare --help)", "compare", "--size", "12xb");
        assertUsageError("rudp-demo: Unmatched argument at index 1: 'extra' (see rudp-demo packets --help)", "packets", "extra");
    }

    @Test
    void impossibleCombinationsAreUsageErrors() {
        assertUsageError("rudp-demo: unknown link scenario 'moon'; valid: loopback, wan, wan-loss1, wan-loss5, wan-loss10, "
            + "wan-loss20, wan-jitter, wan-shallow, wan-bloat, wifi, sat", "compare", "--scenario", "moon");
        assertUsageError("rudp-demo: --scenario loopback has no emulated link to impair: drop --scenario, "
            + "or drop --loss/--delay/--jitter/--rate/--queue/--reorder/--dup", "--scenario", "loopback", "--loss", "1%");
        assertUsageError("rudp-demo: --queue needs a rate limit: add --rate (a link without one never queues)", "--queue", "20ms");
        assertUsageError("rudp-demo: --relay needs an emulated link: add --scenario NAME or an impairment option such as --loss 1%",
            "--relay");
        assertUsageError("rudp-demo: --relay carries UDP only: drop tcp from --transports, or run as root without --relay "
            + "for the test bed", "--relay", "--scenario", "wan", "--transports", "tcp,rudp");
        assertUsageError("rudp-demo: --tcp-cc works on the test bed only (it sets the namespaces' default): add --scenario "
            + "NAME or an impairment option, and drop --relay", "--tcp-cc", "cubic");
        assertUsageError("rudp-demo: unknown transport 'udp' in --transports: use one of [tcp, rudp]", "--transports", "udp");
        assertUsageError("rudp-demo: Invalid value for option '--cc': unknown congestion control \"vegas\"; known names: "
            + "newreno, cubic, bbr (see rudp-demo compare --help)", "--cc", "vegas");
        assertUsageError("rudp-demo: invalid --datagram 70000: maxDatagramSize must be in [102, 65507]: 70000", "--datagram", "70000");
    }

    @Test
    void flowsTogetherAreAskedForWithTogetherAndStaggered() {
        assertUsageError("rudp-demo: --stagger needs --together: it is the time between the starts of flows that run "
            + "together", "--stagger", "2s");
        assertUsageError("rudp-demo: --together and --transports exclude each other: --transports runs one after another, "
            + "--together at the same time", "--together", "tcp,rudp", "--transports", "tcp");
        assertUsageError("rudp-demo: --together needs at least two flows to share a link, e.g. --together rudp,rudp",
            "--together", "rudp");
        assertUsageError("rudp-demo: unknown transport 'quic' in --together: use one of [tcp, rudp]", "--together", "rudp,quic");
        assertUsageError("rudp-demo: --relay carries UDP only: drop tcp from --together, or run as root without --relay "
            + "for the test bed", "--relay", "--scenario", "wan", "--together", "tcp,rudp");
        assertUsageError("rudp-demo: Invalid value for option '--stagger': invalid duration '2': use a number with a unit "
            + "us, ms or s (e.g. 20ms) (see rudp-demo compare --help)", "--together", "rudp,rudp", "--stagger", "2");
    }

    @Test
    void eachRowsCommandRepeatsTheOptionsWithTheSizeAndSeedAndThatRowsTransports() {
        picocli.CommandLine cli = new picocli.CommandLine(new CompareCommand());
        picocli.CommandLine.ParseResult parsed = cli.parseArgs("--scenario", "wan-loss1", "--loss", "2%", "--out", "/tmp/x",
            "--no-progress", "--transports", "tcp,rudp", "--cc", "bbr", "--tcp-cc", "re no", "--relay");
        RepeatCommand repeat = new RepeatCommand(parsed, 20L << 20, 1);
        assertEquals("./demo.sh compare --scenario wan-loss1 --loss 2% --cc bbr --tcp-cc 're no' --relay --size 20MiB "
            + "--seed 1 --transports rudp", repeat.of(java.util.List.of("rudp"), false));
        parsed = new picocli.CommandLine(new CompareCommand()).parseArgs("--together", "rudp,rudp", "--stagger", "2s",
            "--size", "60MiB", "--seed", "4", "--no-pacing");
        assertEquals("./demo.sh compare --stagger 2s --no-pacing --size 60MiB --seed 4 --together rudp,rudp",
            new RepeatCommand(parsed, 60L << 20, 4).of(java.util.List.of("rudp", "rudp"), true));
    }

    @Test
    void packetsPrintsEveryPacketTypeAndDecodesItAgain() {
        Run run = run("packets");
        assertEquals(0, run.exitCode(), run.err());
        for (PacketType type : PacketType.values()) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(type + " ")), type + " missing from\n" + run.out());
        }
        assertTrue(run.out().lines().filter(l -> l.contains("->")).allMatch(l -> l.contains("-> Ok[")),
            "every example decodes again:\n" + run.out());
    }

    @Test
    void compareOverLoopbackPrintsATableAndWritesTheReport(@TempDir Path out) throws Exception {
        Run run = run("compare", "--size", "4MiB", "--no-progress", "--out", out.toString(), "--cc", "bbr");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\\R");
        assertEquals("[tcp, rudp] over loopback (127.0.0.1, no impairment), 4 MiB each", lines[0]);
        assertTrue(lines[2].startsWith("transport  congestion"), run.out());
        assertTrue(lines[3].startsWith("tcp ") && lines[3].endsWith("  yes"), run.out());
        assertTrue(lines[4].startsWith("rudp       bbr ") && lines[4].endsWith("  yes"), run.out());
        assertTrue(lines[5].startsWith("rudp/tcp "), run.out());
        for (String file : new String[] {"results.json", "samples.csv", "windows.csv", "compare.png"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        String json = Files.readString(out.resolve("results.json"));
        assertEquals(2, json.split("\"verified\":true", -1).length - 1, json);
    }

    @Test
    void captureAndQlogKeepOneFileOfEachPerRudpTransferAndEnd(@TempDir Path out) throws Exception {
        Path captures = out.resolve("captures");
        Path qlogs = out.resolve("qlogs");
        Run run = run("compare", "--size", "2MiB", "--no-progress", "--out", out.resolve("report").toString(),
            "--capture", captures.toString(), "--qlog", qlogs.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> pcaps;
        try (Stream<Path> files = Files.list(captures)) {
            pcaps = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(2, pcaps.size(), "one per end of the rudp transfer (not of the warm-up, not of tcp): " + pcaps);
        assertTrue(pcaps.get(0).matches("rudp-receiver_00001_\\d{14}\\.pcapng") && pcaps.get(1).startsWith("rudp-sender_00001_"), pcaps.toString());
        for (String pcap : pcaps) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(captures.resolve(pcap)), 4);
            assertArrayEquals(new byte[] {0x0A, 0x0D, 0x0D, 0x0A}, head, "a pcapng section header: " + pcap);
            assertTrue(Files.size(captures.resolve(pcap)) > 2 << 20, "the transfer's 2 MiB are in it: " + pcap);
        }
        for (String end : new String[] {"sender", "receiver"}) {
            String qlog = Files.readString(qlogs.resolve("rudp-" + end + ".sqlog"));
            assertTrue(qlog.startsWith("\u001e{\"qlog_version\":\"0.3\""), qlog.substring(0, 80));
            assertTrue(qlog.contains("\"name\":\"transport:packet_sent\""), "the transfer's packets");
            assertTrue(qlog.contains("\"type\":\"" + (end.equals("sender") ? "client" : "server") + "\""), "its vantage point");
        }
    }

    @Test
    void withoutPrivilegesTheRelayRunsRudpAloneOverTheSameProfileAndSaysTcpWasNotRun(@TempDir Path out) {
        Run run = run("compare", "--scenario", "wan-loss1", "--relay", "--size", "1MiB", "--cc", "bbr", "--seed", "2",
            "--no-progress", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        String[] lines = run.out().split("\\R");
        assertTrue(lines[0].startsWith("tcp is not run: the UDP impairment relay carries datagrams only"), run.out());
        assertEquals("[rudp] over UDP impairment relay on loopback, wan-loss1 (loss=1%,delay=10ms,rate=50mbit,queue=30ms "
            + "each way, seed 2), 1 MiB each (a sender stops writing after 60.0 s)", lines[1]);
        assertTrue(lines[4].startsWith("rudp       bbr ") && lines[4].endsWith("  yes"), run.out());
        assertTrue(run.out().contains("emulated link during rudp:\n  sender->receiver: "), run.out());
        assertTrue(run.out().contains("to repeat:\n  ./demo.sh compare --scenario wan-loss1 --relay --cc bbr --size 1MiB "
            + "--seed 2 --transports rudp\n"), run.out());
    }

    @Test
    void aTimeLimitEndsTheStreamEarlyAndWhatWasWrittenIsVerified(@TempDir Path out) {
        // 64 MiB take over 10 s at 50 Mbit/s: the sender stops writing after 1 s.
        Run run = run("compare", "--scenario", "wan", "--relay", "--size", "64MiB", "--time", "1s", "--no-progress",
            "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        String row = run.out().lines().filter(l -> l.startsWith("rudp ")).findFirst().orElseThrow();
        java.util.regex.Matcher verified = java.util.regex.Pattern.compile("  yes \\(--time ended it at ([0-9.]+) MiB\\)$").matcher(row);
        assertTrue(verified.find(), row);
        assertTrue(Double.parseDouble(verified.group(1)) < 64, row);
        assertTrue(run.out().contains("--time 1s --size 64MiB --seed 1 --transports rudp"), run.out());
    }

    @Test
    void twoRudpFlowsTogetherThroughTheRelayAreEachVerifiedAndTheirJainIndexComesFromTheirBytes(@TempDir Path out)
            throws Exception {
        Run run = run("compare", "--scenario", "wan", "--relay", "--together", "rudp,rudp", "--size", "2MiB",
            "--no-progress", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().startsWith("[rudp, rudp] together over UDP impairment relay on loopback, wan "), run.out());
        for (String flow : new String[] {"rudp-1 ", "rudp-2 "}) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith(flow + "    bbr ") && l.endsWith("  yes")), run.out());
        }
        java.util.regex.Matcher bytes = java.util.regex.Pattern.compile("\\n  rudp-[12] +(\\d+) ").matcher(run.out());
        double sum = 0;
        double sumOfSquares = 0;
        for (int flow = 0; flow < 2; flow++) {
            assertTrue(bytes.find(), "each flow's verified bytes while both ran: " + run.out());
            double x = Double.parseDouble(bytes.group(1));
            assertTrue(x > 0, "both flows moved data while both ran: " + run.out());
            sum += x;
            sumOfSquares += x * x;
        }
        java.util.regex.Matcher jain = java.util.regex.Pattern.compile("Jain's fairness index: ([0-9.]+) ").matcher(run.out());
        assertTrue(jain.find(), run.out());
        double index = Double.parseDouble(jain.group(1));
        assertTrue(index >= 0 && index <= 1, run.out());
        assertEquals(sum * sum / (2 * sumOfSquares), index, 0.00005, "(Σx)² / (n·Σx²) of the bytes printed: " + run.out());
        assertEquals(1, run.out().split("emulated link during ", -1).length - 1, "one link for both: " + run.out());
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"jain_index\":"));
    }
}
