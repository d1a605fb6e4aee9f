package net.rudp.demo.tools;

import net.rudp.demo.cli.Converters;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.rudp.demo.DemoException;
import net.rudp.demo.Units;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.cli.NetworkErrors;
import net.rudp.demo.transport.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code echo-clients}: N clients at once against an echo server, or against both kinds side by side ({@code --self}). */
@Command(name = "echo-clients", mixinStandardHelpOptions = true,
    description = {"N echo clients at once; --self: repetitive and concurrent server side by side.",
        "",
        "Start N echo clients at once. Each sends its messages one at a time, checks",
        "every echo byte for byte, and pauses between messages (think time). Prints",
        "when each client connected, got its first echo and was done, and its round trips.",
        "",
        "With --self it starts a repetitive and a concurrent echo server in this process",
        "and runs the same clients against each: the repetitive server serves them one",
        "after another, the concurrent one all at once."},
    footer = {"", "Examples:", "  echo-clients --self", "  echo-clients --self --transport tcp --clients 8 --pause 0ms",
        "  echo-clients --transport rudp --clients 4 127.0.0.1:9000"})
public final class EchoClientsCommand implements Callable<Integer> {
    /** The longest message: the largest a framing reader would accept, and plenty for an echo. */
    static final long MAX_MESSAGE = 16 << 20;

    @Spec
    CommandSpec spec;

    @Mixin
    TransportOption transport;

    @Mixin
    EchoTarget target;

    @Option(names = "--clients", defaultValue = "4", converter = ToolConverters.Count.class, paramLabel = "N",
        description = "Clients started at once (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--messages", defaultValue = "20", converter = ToolConverters.Count.class, paramLabel = "M",
        description = "Messages per client (default ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--size", defaultValue = "64", converter = Converters.Size.class, paramLabel = "SIZE",
        description = "Bytes per message (default ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--pause", defaultValue = "10ms", converter = Converters.Time.class, paramLabel = "TIME",
        description = "Each client's pause between messages (default ${DEFAULT-VALUE}; 0ms: none).")
    Duration pause;

    @Option(names = "--timeout", defaultValue = "60s", converter = Converters.Time.class, paramLabel = "TIME",
        description = "Clients not done by then fail (default ${DEFAULT-VALUE}).")
    Duration timeout;

    private final ToolTransports transports;

    public EchoClientsCommand() {
        this(ToolTransports.builtIn());
    }

    EchoClientsCommand(ToolTransports transports) {
        this.transports = transports;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Transport t = transport.resolve(transports);
        Optional<InetSocketAddress> remote = target.remote(false);
        EchoClients.Settings settings = settings(clients, 0, messages, size, pause, timeout);
        out.printf("%d clients at once, each %d messages of %s with %s pauses, over %s%n", clients, messages,
            Units.formatSize(size), Nanos.format(pause.toNanos()), t.name());
        if (remote.isPresent()) {
            EchoRun run = EchoClients.run(t, remote.get(), settings);
            failIfNobodyConnected(run);
            out.print(EchoReport.table(run));
            return run.failed().isEmpty() ? 0 : 1;
        }
        EchoRun repetitive = againstOwnServer(t, EchoMode.REPETITIVE, settings, out);
        EchoRun concurrent = againstOwnServer(t, EchoMode.CONCURRENT, settings, out);
        out.println();
        out.print(EchoReport.sideBySide(repetitive, concurrent));
        out.println("The repetitive server accepts the next client only when the last one is done, so");
        out.println("each client waits for all before it; the concurrent one serves all at once.");
        return repetitive.failed().isEmpty() && concurrent.failed().isEmpty() ? 0 : 1;
    }

    /** Settings checked against what a message may be. */
    static EchoClients.Settings settings(int clients, int warmup, int messages, long size, Duration pause, Duration timeout) {
        if (size > MAX_MESSAGE) {
            throw DemoException.usage("--size " + Units.formatSize(size) + " is too large for a message: at most "
                + Units.formatSize(MAX_MESSAGE));
        }
        return new EchoClients.Settings(clients, warmup, messages, (int) size, pause, timeout);
    }

    private EchoRun againstOwnServer(Transport t, EchoMode mode, EchoClients.Settings settings, PrintWriter out)
        throws InterruptedException {
        EchoRun run;
        // A backlog for every client: the repetitive server's waiting clients must all fit.
        try (EchoServer server = EchoServer.startOnLoopback(t, mode, settings.clients())) {
            out.println();
            out.println(mode.label() + " server on " + HostPort.format(server.localAddress()) + ":");
            run = EchoClients.run(t, server.localAddress(), settings);
        } catch (IOException e) {
            throw DemoException.failure("the in-process echo server did not close cleanly: " + e.getMessage(), e);
        }
        out.print(EchoReport.table(run));
        return run;
    }

    /** When no client could even connect, the one-line reason is the whole story. */
    static void failIfNobodyConnected(EchoRun run) {
        if (run.served().isEmpty() && !run.failed().isEmpty()
            && run.failed().stream().map(ClientOutcome.Failed::reason).distinct().count() == 1) {
            throw DemoException.failure(run.failed().getFirst().reason());
        }
    }
}
