package net.rudp.demo.perf;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.rudp.demo.DemoException;
import net.rudp.demo.cli.Converters;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.cli.NetworkErrors;
import net.rudp.demo.cli.RudpOptions;
import net.rudp.demo.tools.ToolConverters;
import net.rudp.demo.transfer.WarmUp;
import net.rudp.demo.transport.Transport;
import net.rudp.demo.transport.Transports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perf server}: serves perf clients one after another, over TCP and rudp on one port number. */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serve perf clients, one test after another, until Ctrl-C (iperf3 -s).",
        "",
        "Listens with TCP and rudp on the same port number (TCP and UDP ports are",
        "separate); a client asking while a test runs is told the server is busy. Prints",
        "each test's interval lines and, at its end, both ends' totals."},
    footer = {"", "Examples:", "  perf server", "  perf server -p 5202 --transport rudp --one-off"})
public final class PerfServerCommand implements Callable<Integer> {
    /** iperf3's port. */
    static final int DEFAULT_PORT = 5201;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, defaultValue = "" + DEFAULT_PORT, converter = ToolConverters.Port.class,
        paramLabel = "PORT", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-B", "--bind"}, defaultValue = "0.0.0.0", paramLabel = "ADDR",
        description = "Local address to listen on (default ${DEFAULT-VALUE}: all).")
    InetAddress bind;

    @Option(names = {"-1", "--one-off"}, description = "Serve one test, then exit.")
    boolean oneOff;

    @Option(names = {"-i", "--interval"}, defaultValue = "1", converter = Converters.Seconds.class, paramLabel = "SECONDS",
        description = "Seconds between interval lines (default ${DEFAULT-VALUE}; 0: none).")
    Duration interval;

    @Option(names = "--transport", defaultValue = "both", paramLabel = "NAME",
        description = "tcp, rudp or both (default ${DEFAULT-VALUE}).")
    String transport;

    @Mixin
    RudpOptions rudp;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<Transport> transports = transport.equals("both") ? Transports.all(rudp.transport())
            : List.of(Transports.byName(transport, rudp.transport()).orElseThrow(() -> DemoException.usage(
                "unknown transport '" + transport + "' in --transport: use tcp, rudp or both")));
        transports.forEach(WarmUp::orFail); // a cold JVM would spend a test's first second interpreting rudp
        List<PerfServer.Endpoint> endpoints = listen(transports);
        try (PerfServer server = new PerfServer(endpoints, interval, oneOff, out)) {
            return server.serve() ? 0 : 1;
        }
    }

    /** Listens with each transport; with port 0 the first picks a free port and the others take the same. */
    private List<PerfServer.Endpoint> listen(List<Transport> transports) {
        List<PerfServer.Endpoint> endpoints = new ArrayList<>();
        int chosen = port;
        for (Transport t : transports) {
            InetSocketAddress local = new InetSocketAddress(bind, chosen);
            try {
                endpoints.add(new PerfServer.Endpoint(t, t.listen(local, 8)));
                chosen = endpoints.getLast().listener().getLocalPort();
            } catch (IOException e) {
                endpoints.forEach(ep -> TestRun.closeQuietly(ep.listener()));
                throw DemoException.failure(NetworkErrors.describe(e, "listen on", HostPort.format(local) + " (" + t.name() + ")"));
            }
        }
        return endpoints;
    }
}
