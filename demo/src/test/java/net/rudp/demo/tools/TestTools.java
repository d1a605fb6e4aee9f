package net.rudp.demo.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import net.rudp.demo.DemoException;
import net.rudp.demo.transport.TcpTransport;
import net.rudp.demo.transport.Transport;
import picocli.CommandLine;

/** What the tools' tests share: both transports, and running a command as the demo's Cli does. */
final class TestTools {
    /**
     * Kernel TCP and rudp. Until the demo has its own rudp transport, rudp is
     * {@link TestRudpTransport}; then this becomes {@code ToolTransports.builtIn()}.
     */
    static final ToolTransports TRANSPORTS = new ToolTransports(List.of(new TcpTransport(), new TestRudpTransport()),
        config -> Optional.of(new TestRudpTransport(config)));

    static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private TestTools() {}

    static Transport transport(String name) {
        return TRANSPORTS.named(name, "the test");
    }

    /** What a command printed and returned. */
    record Run(int exitCode, String out, String err) {}

    /**
     * Runs {@code command} (built with {@link #TRANSPORTS}) on {@code args}, with the demo's
     * handling of {@link DemoException}: one line on stderr and its exit code.
     */
    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof DemoException d) {
                c.getErr().println("rudp-demo: " + d.getMessage());
                return d.exitCode();
            }
            throw e;
        });
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs the tools by hand with {@link #TRANSPORTS} (the jar's own rudp is not merged yet): {@code bench --size 256MiB}. */
    public static void main(String[] args) {
        Object command = switch (args.length == 0 ? "" : args[0]) {
            case "bench" -> new BenchCommand(TRANSPORTS);
            case "ping" -> new PingCommand(TRANSPORTS);
            case "echo-clients" -> new EchoClientsCommand(TRANSPORTS);
            default -> throw new IllegalArgumentException("use: bench|ping|echo-clients [options]");
        };
        CommandLine cli = new CommandLine(command);
        System.exit(cli.execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
    }
}
