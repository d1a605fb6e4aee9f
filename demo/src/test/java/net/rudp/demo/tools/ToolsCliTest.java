package net.rudp.demo.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.rudp.demo.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools as the jar runs them (through {@link Cli}): help, one-line errors and their exit codes. */
class ToolsCliTest {
    private static final String[] COMMANDS = {"ping", "perf", "group", "echo-server", "echo-clients", "send", "receive", "bench"};
    private static final List<String> RUDP_COMMANDS = List.of("ping", "perf client", "perf server", "group", "echo-server",
        "echo-clients", "send", "receive");

    private static TestTools.Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new TestTools.Run(code, out.toString(), err.toString());
    }

    private static void assertFails(int exitCode, String expectedLine, TestTools.Run run) {
        assertEquals(exitCode, run.exitCode(), run.err());
        assertEquals(expectedLine + System.lineSeparator(), run.err());
    }

    @Test
    void everyToolHasHelpAndIsListed() {
        String overview = cli("--help").out();
        for (String command : COMMANDS) {
            TestTools.Run help = cli(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().startsWith("Usage: rudp-demo " + command), help.out());
            assertTrue(overview.contains("  " + command + " "), command + " missing from\n" + overview);
        }
    }

    @Test
    void rudpsOptionsAreOnEveryToolThatRunsRudp() {
        for (String command : RUDP_COMMANDS) {
            String help = cli((command + " --help").split(" ")).out();
            for (String option : List.of("--datagram=BYTES", "--cc=NAME", "--[no-]pacing")) {
                assertTrue(help.contains(option), command + " --help lacks " + option + ":\n" + help);
            }
            assertTrue(command.equals("group") || help.contains("--transport=NAME"), "the group is rudp only; the others choose");
        }
        assertFails(2, "rudp-demo: invalid --datagram 10: maxDatagramSize must be in [" + (net.rudp.wire.PacketCodec.DATA_OVERHEAD + net.rudp.wire.PacketCodec.MIN_MAX_PAYLOAD) + ", 65507]: 10",
            cli("receive", "--datagram", "10"));
    }

    @Test
    void badArgumentsGiveOneLineAndExitCodeTwo() {
        assertFails(2, "rudp-demo: Invalid value for option '--mode': invalid mode 'sideways': use repetitive or "
            + "concurrent (see rudp-demo echo-server --help)", cli("echo-server", "--mode", "sideways"));
        assertFails(2, "rudp-demo: Invalid value for option '--port': invalid port '70000': use a number from 0 to "
            + "65535 (see rudp-demo receive --help)", cli("receive", "--port", "70000"));
        assertFails(2, "rudp-demo: Invalid value for option '--clients': invalid count '0': use a whole number of at "
            + "least 1 (see rudp-demo echo-clients --help)", cli("echo-clients", "--self", "--clients", "0"));
        assertFails(2, "rudp-demo: give the echo server's HOST:PORT, or --self to start servers in this process",
            cli("echo-clients", "--transport", "tcp"));
        assertFails(2, "rudp-demo: give either HOST:PORT or --self, not both",
            cli("echo-clients", "--transport", "tcp", "--self", "127.0.0.1:9"));
        assertFails(2, "rudp-demo: --size 17 MiB is too large for a message: at most 16 MiB",
            cli("echo-clients", "--transport", "tcp", "--self", "--size", "17MiB"));
        assertFails(2, "rudp-demo: invalid port in 'localhost:x': use a number from 0 to 65535", cli("ping", "localhost:x"));
        assertFails(2, "rudp-demo: -s 4 is not a message size: use 8 to 16 MiB", cli("ping", "-s", "4"));
        assertFails(2, "rudp-demo: Missing required parameter: 'HOST:PORT' (see rudp-demo send --help)",
            cli("send", "file.bin"));
        assertFails(2, "rudp-demo: Invalid value for option '--size': invalid size '12xb': use a number with an optional "
            + "unit B, KiB, MiB, GiB (e.g. 20MiB) (see rudp-demo bench --help)", cli("bench", "--size", "12xb"));
        TestTools.Run unknown = cli("echo-clients", "--self", "--transport", "udp");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("rudp-demo: unknown transport 'udp' in --transport: use one of [tcp"), unknown.err());
    }

    @Test
    void aPortInUseIsOneLineAndExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertFails(1, "rudp-demo: cannot listen on 127.0.0.1:" + port + ": the address is in use or not local "
                + "(Address already in use); pick another port or stop the program using it",
                cli("echo-server", "--transport", "tcp", "--bind", "127.0.0.1", "--port", Integer.toString(port)));
        }
    }

    @Test
    void rudpSaysTheSameAboutAPortInUse() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            TestTools.Run run = TestTools.run(new ReceiveCommand(TestTools.TRANSPORTS),
                "--bind", "127.0.0.1", "--port", Integer.toString(port));
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.err().startsWith("rudp-demo: cannot listen on 127.0.0.1:" + port + ": the address is in use"),
                run.err());
            assertEquals(1, run.err().lines().count(), run.err());
        }
    }

    @Test
    void nobodyListeningIsOneLineAndExitCodeOne() throws Exception {
        int port = freeTcpPort();
        String refused = "cannot connect to 127.0.0.1:" + port + ": nothing accepts connections there (Connection "
            + "refused); start the server first or check the address";
        assertFails(1, "rudp-demo: " + refused,
            cli("echo-clients", "--transport", "tcp", "--clients", "3", "127.0.0.1:" + port));
        assertFails(1, "rudp-demo: " + refused, cli("ping", "--transport", "tcp", "-c", "1", "127.0.0.1:" + port));
        assertFails(1, "rudp-demo: " + refused,
            TestTools.run(new EchoClientsCommand(TestTools.TRANSPORTS), "--transport", "rudp", "127.0.0.1:" + port));
    }

    @Test
    void fileProblemsAreOneLineAndExitCodeOne(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.bin");
        assertFails(1, "rudp-demo: cannot read " + missing + ": no such file",
            cli("send", "--transport", "tcp", missing.toString(), "127.0.0.1:9"));
        assertFails(1, "rudp-demo: cannot read " + dir + ": not a regular file",
            cli("send", "--transport", "tcp", dir.toString(), "127.0.0.1:9"));
        Path nowhere = dir.resolve("no-such-dir").resolve("copy.bin");
        assertFails(1, "rudp-demo: cannot write " + nowhere + ": directory " + nowhere.getParent() + " does not exist",
            cli("receive", "--transport", "tcp", "--out", nowhere.toString()));
        Path file = Files.writeString(dir.resolve("report"), "not a directory");
        assertFails(1, "rudp-demo: cannot write the report into " + file + ": it is a file, not a directory",
            cli("bench", "--out", file.toString()));
    }

    @Test
    void echoClientsSelfShowsBothServersSideBySide() {
        TestTools.Run run = cli("echo-clients", "--self", "--transport", "tcp", "--clients", "3", "--messages", "3",
            "--pause", "1ms");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("repetitive server on 127.0.0.1:"), run.out());
        assertTrue(run.out().contains("concurrent server on 127.0.0.1:"), run.out());
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("3 of 3 clients served in ")).count(),
            run.out());
        assertTrue(run.out().contains("first echo, last client"), run.out());
    }

    private static int freeTcpPort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
