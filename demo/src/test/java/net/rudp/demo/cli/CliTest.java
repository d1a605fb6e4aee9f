package net.rudp.demo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void withoutPrivilegesTheRelayRunsRudpAloneOverTheSameProfileAndSaysTcpWasNotRun(@TempDir Path out) {
        Run run = run("compare", "--scenario", "wan-loss1", "--relay", "--size", "1MiB", "--cc", "bbr", "--seed", "2",
            "--no-progress", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        String[] lines = run.out().split("\\R");
        assertTrue(lines[0].startsWith("tcp is not run: the UDP impairment relay carries datagrams only"), run.out());
        assertEquals("[rudp] over UDP impairment relay on loopback, wan-loss1 (loss=1%,delay=10ms,rate=50mbit,queue=30ms "
            + "each way, seed 2), 1 MiB each", lines[1]);
        assertTrue(lines[4].startsWith("rudp       bbr ") && lines[4].endsWith("  yes"), run.out());
        assertTrue(run.out().contains("emulated link during rudp:\n  sender->receiver: "), run.out());
    }
}
