package net.rudp.demo.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import net.rudp.demo.DemoException;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.cli.NetworkErrors;
import net.rudp.demo.transport.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code echo-server}: the repetitive or the concurrent echo server, over TCP or rudp, until Ctrl-C. */
@Command(name = "echo-server", mixinStandardHelpOptions = true,
    description = {"An echo server, repetitive or concurrent, over TCP or rudp.",
        "",
        "The two classic forms of a server, with the same code over either transport:",
        "  repetitive  one client at a time, first come first served: accept, echo",
        "              until the client's end of stream, close, next",
        "  concurrent  a virtual thread per connection: all clients at once",
        "It prints a line per connection and runs until Ctrl-C."},
    footer = {"", "Examples:", "  echo-server --transport rudp --mode repetitive --port 9000",
        "  echo-clients --transport rudp --clients 4 127.0.0.1:9000"})
public final class EchoServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TransportOption transport;

    @Option(names = "--mode", defaultValue = "concurrent", converter = EchoMode.Converter.class, paramLabel = "MODE",
        description = "repetitive or concurrent (default ${DEFAULT-VALUE}).")
    EchoMode mode;

    @Option(names = "--port", defaultValue = "9000", converter = ToolConverters.Port.class, paramLabel = "PORT",
        description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one). TCP and UDP ports are "
            + "separate: a TCP and a rudp server can both use 9000.")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDR",
        description = "Local address to listen on (default ${DEFAULT-VALUE}: all).")
    InetAddress bind;

    @Option(names = "--backlog", defaultValue = "50", converter = ToolConverters.Count.class, paramLabel = "N",
        description = "Connections that may wait to be accepted (default ${DEFAULT-VALUE}). A repetitive server's "
            + "waiting clients sit here; rudp refuses connections beyond it.")
    int backlog;

    private final ToolTransports transports;

    public EchoServerCommand() {
        this(ToolTransports.builtIn());
    }

    EchoServerCommand(ToolTransports transports) {
        this.transports = transports;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Transport t = transport.resolve(transports);
        InetSocketAddress local = new InetSocketAddress(bind, port);
        EchoServer server;
        try {
            server = EchoServer.listen(t, local, mode, backlog, out::println);
        } catch (IOException e) {
            throw DemoException.failure(NetworkErrors.describe(e, "listen on", HostPort.format(local)));
        }
        try (server) {
            out.println("echo-server (" + mode.label() + ", " + t.name() + ") listening on "
                + HostPort.format(server.localAddress()) + "; Ctrl-C stops it");
            out.flush();
            server.serve();
        } catch (IOException e) {
            throw DemoException.failure("the echo server did not close cleanly: " + e.getMessage(), e);
        }
        return 0;
    }
}
