package net.rudp.demo.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
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
        int code = withDemoErrors(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static CommandLine withDemoErrors(Object command) {
        return new CommandLine(command).setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof DemoException d) {
                c.getErr().println("rudp-demo: " + d.getMessage());
                return d.exitCode();
            }
            throw e;
        });
    }

    /**
     * Runs a tool by hand with {@link #TRANSPORTS}, while the demo jar has no rudp transport of its
     * own: {@code java -cp demo/target/test-classes:demo/target/rudp-demo.jar
     * net.rudp.demo.tools.TestTools bench}. Goes with {@link TestRudpTransport}.
     */
    public static void main(String[] args) {
        Object command = switch (args.length == 0 ? "" : args[0]) {
            case "bench" -> new BenchCommand(TRANSPORTS);
            case "ping" -> new PingCommand(TRANSPORTS);
            case "echo-server" -> new EchoServerCommand(TRANSPORTS);
            case "echo-clients" -> new EchoClientsCommand(TRANSPORTS);
            case "send" -> new SendCommand(TRANSPORTS);
            case "receive" -> new ReceiveCommand(TRANSPORTS);
            default -> throw new IllegalArgumentException("use: bench|ping|echo-server|echo-clients|send|receive [options]");
        };
        CommandLine cli = withDemoErrors(command);
        int code = cli.execute(Arrays.copyOfRange(args, 1, args.length));
        cli.getOut().flush();
        System.exit(code);
    }
}
