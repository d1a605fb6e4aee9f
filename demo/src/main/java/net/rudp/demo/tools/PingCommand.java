package net.rudp.demo.tools;

import net.rudp.demo.cli.Converters;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.rudp.demo.DemoException;
import net.rudp.demo.Units;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.transport.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ping}: round trips of small messages over each transport, side by side. */
@Command(name = "ping", mixinStandardHelpOptions = true,
    description = {"Round-trip latency of small messages, over each transport side by side.",
        "",
        "Over one connection: write a message, read its echo, repeat. Without HOST:PORT",
        "each transport pings an echo server this command starts on 127.0.0.1.",
        "Transports run one after another."},
    footer = {"", "Examples:", "  ping", "  ping --transport rudp --count 10000 --size 1KiB",
        "  ping --transport both 192.0.2.2:9000   (a tcp and a rudp echo-server on port 9000)"})
public final class PingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EchoTarget target;

    @Option(names = "--transport", defaultValue = "both", paramLabel = "NAME",
        description = "tcp, rudp or both (default ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--count", defaultValue = "1000", converter = ToolConverters.Count.class, paramLabel = "N",
        description = "Round trips measured (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--warmup", defaultValue = "200", paramLabel = "N",
        description = "Round trips before those, not measured: the JIT compiles the path first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--size", defaultValue = "64", converter = Converters.Size.class, paramLabel = "SIZE",
        description = "Bytes per message (default ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--timeout", defaultValue = "60s", converter = Converters.Time.class, paramLabel = "TIME",
        description = "Give up on a transport after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    private final ToolTransports transports;

    public PingCommand() {
        this(ToolTransports.builtIn());
    }

    PingCommand(ToolTransports transports) {
        this.transports = transports;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (warmup < 0) {
            throw DemoException.usage("--warmup must not be negative: " + warmup);
        }
        List<Transport> chosen = transport.equals("both") ? transports.all() : List.of(transports.named(transport, "--transport"));
        Optional<InetSocketAddress> remote = target.remote(true);
        EchoClients.Settings settings = EchoClientsCommand.settings(1, warmup, count, size, Duration.ZERO, timeout);
        out.printf("%d round trips of %s (after %d not measured) to %s%n", count, Units.formatSize(size), warmup,
            remote.map(HostPort::format).orElse("an echo server in this process on 127.0.0.1"));
        TextTable table = new TextTable("transport", "min", "p50", "p99", "max", "mean");
        List<LatencyStats> results = new ArrayList<>();
        for (Transport t : chosen) {
            LatencyStats rtt = ping(t, remote, settings);
            results.add(rtt);
            table.row(t.name(), Nanos.format(rtt.min()), Nanos.format(rtt.p50()), Nanos.format(rtt.p99()),
                Nanos.format(rtt.max()), Nanos.format(rtt.mean()));
        }
        out.print(table.text());
        for (int i = 1; i < chosen.size(); i++) {
            out.printf(Locale.ROOT, "%s/%s: p50 %.2fx, p99 %.2fx%n", chosen.get(i).name(), chosen.get(0).name(),
                (double) results.get(i).p50() / results.get(0).p50(), (double) results.get(i).p99() / results.get(0).p99());
        }
        return 0;
    }

    private static LatencyStats ping(Transport t, Optional<InetSocketAddress> remote, EchoClients.Settings settings)
        throws InterruptedException, IOException {
        if (remote.isPresent()) {
            return onlyClient(EchoClients.run(t, remote.get(), settings));
        }
        try (EchoServer server = EchoClientsCommand.startOwnServer(t, EchoMode.CONCURRENT, 1)) {
            return onlyClient(EchoClients.run(t, server.localAddress(), settings));
        }
    }

    private static LatencyStats onlyClient(EchoRun run) {
        return switch (run.clients().getFirst()) {
            case ClientOutcome.Served s -> s.roundTrips();
            case ClientOutcome.Failed f -> throw DemoException.failure(run.transport() + ": " + f.reason());
        };
    }
}
