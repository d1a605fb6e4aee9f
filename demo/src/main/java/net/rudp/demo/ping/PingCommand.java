package net.rudp.demo.ping;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.rudp.demo.DemoException;
import net.rudp.demo.Units;
import net.rudp.demo.cli.Converters;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.cli.NetworkErrors;
import net.rudp.demo.tools.EchoMode;
import net.rudp.demo.tools.EchoServer;
import net.rudp.demo.tools.ConnectTimeoutOption;
import net.rudp.demo.tools.ToolConverters;
import net.rudp.demo.tools.TransportOption;
import net.rudp.demo.transfer.WarmUp;
import net.rudp.demo.transport.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ping}: ping's shape over one TCP or rudp connection to an echo server. */
@Command(name = "ping", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Round trips to an echo server, a line per reply, as ping prints them.",
        "",
        "Sends a message every --interval over one connection and prints each echo as it",
        "comes back (seq and round-trip time); then, after --count messages, at the",
        "--deadline or on Ctrl-C, the statistics: sent, received, loss, min/avg/max/mdev",
        "and the p50/p99 of the round trips. Without HOST it pings an echo server it",
        "starts in this process on 127.0.0.1. First it warms its JVM up with a short",
        "transfer to itself on loopback, so the round trips do not time a cold JIT.",
        "",
        "Loss over a reliable stream: TCP and rudp lose nothing for good; they resend,",
        "and the replies after a resent one wait behind it. So a reply that does not",
        "come back within --timeout counts as lost, as ping counts one that never comes:",
        "\"loss\" is the share of replies later than that, or never back."},
    footer = {"", "Examples:", "  ping -c 5", "  echo-server --port 9000        (on the other machine)",
        "  ping -c 10 -i 0.2 192.0.2.2", "  ping --transport tcp -s 1KiB -w 10 192.0.2.2:9000"})
public final class PingCommand implements Callable<Integer> {
    /** The port of {@code echo-server} unless told otherwise. */
    static final int DEFAULT_PORT = 9000;
    /** The longest message: plenty for an echo, and as much as the demo's echo clients send. */
    static final long MAX_SIZE = 16 << 20;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "HOST[:PORT]",
        description = "A running echo-server (port 9000 unless given); none: one in this process.")
    String target;

    @Option(names = {"-c", "--count"}, converter = ToolConverters.Count.class, paramLabel = "COUNT",
        description = "Stop after sending COUNT messages (default: until Ctrl-C or the deadline).")
    Integer count;

    @Option(names = {"-i", "--interval"}, defaultValue = "1", converter = Converters.Seconds.class, paramLabel = "SECONDS",
        description = "Wait SECONDS between messages, e.g. 0.2 or 200ms (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = {"-w", "--deadline"}, converter = Converters.Seconds.class, paramLabel = "SECONDS",
        description = "Stop after SECONDS, however many messages were sent or received.")
    Duration deadline;

    @Option(names = {"-W", "--timeout"}, defaultValue = "1", converter = Converters.Seconds.class, paramLabel = "SECONDS",
        description = "A reply later than this counts as lost (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-s", "--size"}, defaultValue = "64", converter = Converters.Size.class, paramLabel = "BYTES",
        description = "Bytes per message, at least 8 (its sequence number) (default ${DEFAULT-VALUE}).")
    long size;

    @Option(names = {"-q", "--quiet"}, description = "Print only the first line and the statistics.")
    boolean quiet;

    @Mixin
    TransportOption transport;

    @Mixin
    ConnectTimeoutOption connectTimeout;

    @Override
    public Integer call() throws IOException {
        Pinger.Settings settings = settings();
        Transport t = transport.resolve();
        WarmUp.orFail(t); // else the first round trips would time a cold JVM interpreting the transport's code
        if (target != null) {
            return ping(t, parseTarget(), settings);
        }
        try (EchoServer server = EchoServer.startOnLoopback(t, EchoMode.CONCURRENT, 1)) {
            return ping(t, server.localAddress(), settings);
        }
    }

    private Pinger.Settings settings() {
        if (size < PingProbe.MIN_SIZE || size > MAX_SIZE) {
            throw DemoException.usage("-s " + size + " is not a message size: use " + PingProbe.MIN_SIZE + " to "
                + Units.formatSize(MAX_SIZE));
        }
        if (interval.isZero()) {
            throw DemoException.usage("-i must be more than 0");
        }
        return new Pinger.Settings((int) size, interval, count == null ? 0 : count, timeout, Optional.ofNullable(deadline));
    }

    private InetSocketAddress parseTarget() {
        try {
            return HostPort.parse(target, DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            throw DemoException.usage(e.getMessage());
        }
    }

    private int ping(Transport t, InetSocketAddress to, Pinger.Settings settings) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String name = HostPort.format(to);
        Socket conn;
        try {
            conn = t.connect(to, connectTimeout.timeout());
        } catch (IOException e) {
            throw DemoException.failure(NetworkErrors.describe(e, "connect to", name));
        }
        try (conn) {
            out.println(PingReport.header(name, t.name(), settings.size()));
            out.flush();
            Pinger pinger = new Pinger(conn, settings, reply -> {
                if (!quiet) {
                    out.println(PingReport.reply(name, settings.size(), reply));
                    out.flush();
                }
            });
            PingSummary summary = runUntilInterrupted(pinger, out, name);
            pinger.failure().ifPresent(why -> {
                throw DemoException.failure("the connection to " + name + " ended: " + why);
            });
            return summary.received() > 0 ? 0 : 1;
        }
    }

    /**
     * Runs {@code pinger}; Ctrl-C stops it and the statistics are printed all the same, as ping
     * prints them when interrupted: a shutdown hook stops the run and waits for the summary.
     */
    private static PingSummary runUntilInterrupted(Pinger pinger, PrintWriter out, String name) throws IOException {
        CountDownLatch printed = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            pinger.stop();
            try {
                printed.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ping-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            PingSummary summary = pinger.run();
            out.println();
            out.print(PingReport.summary(name, summary));
            out.flush();
            return summary;
        } finally {
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has what it waited for
            }
        }
    }
}
