package net.rudp.demo.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.rudp.demo.DemoException;
import net.rudp.demo.transport.Transport;
import picocli.CommandLine;

/** What the tools' tests share: both transports, and running a command as the demo's Cli does. */
public final class TestTools {
    /** Kernel TCP and rudp, as the demo jar has them. */
    static final ToolTransports TRANSPORTS = ToolTransports.builtIn();

    public static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private TestTools() {}

    public static Transport transport(String name) {
        return TRANSPORTS.named(name, "the test");
    }

    /** What a command printed and returned. */
    public record Run(int exitCode, String out, String err) {}

    /**
     * Runs {@code command} (built with {@link #TRANSPORTS}) on {@code args}, with the demo's
     * handling of {@link DemoException}: one line on stderr and its exit code.
     */
    public static Run run(Object command, String... args) {
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
}
