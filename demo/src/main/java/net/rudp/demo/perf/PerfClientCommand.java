package net.rudp.demo.perf;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import net.rudp.ConnectionConfig;
import net.rudp.demo.DemoException;
import net.rudp.demo.cli.Converters;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.report.Json;
import net.rudp.demo.tools.ConnectTimeoutOption;
import net.rudp.demo.tools.ToolConverters;
import net.rudp.demo.tools.TransportOption;
import net.rudp.demo.transport.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code perf client HOST[:PORT]}: one test against a perf server, iperf3's client options. */
@Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run a test against a perf server (iperf3 -c).",
        "",
        "Sends to the server (or, with -R, receives from it) over -P streams for -t",
        "seconds or -n bytes, a line per -i interval per stream: bytes moved, rate, and",
        "for a sending stream the bytes retransmitted, congestion window and smoothed",
        "RTT, from the transport's own counters (rudp's, or the kernel's tcp_info).",
        "At the end, each stream's sender and receiver totals, from both ends."},
    footer = {"", "Examples:", "  perf client 127.0.0.1 -t 5", "  perf client 192.0.2.2:5201 --transport tcp -P 4",
        "  perf client 192.0.2.2 -R -b 20M -i 0.5", "  perf client 192.0.2.2 --bidir -n 50MiB -J"})
public final class PerfClientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST[:PORT]", description = "The perf server (port " + PerfServerCommand.DEFAULT_PORT
        + " unless given).")
    String server;

    @Option(names = {"-t", "--time"}, converter = Converters.Seconds.class, paramLabel = "SECONDS",
        description = "Seconds to send (default 10).")
    Duration time;

    @Option(names = {"-n", "--bytes"}, converter = Converters.Size.class, paramLabel = "SIZE",
        description = "Bytes to send instead of a time, e.g. 100MiB (shared among the streams).")
    Long bytes;

    @Option(names = {"-i", "--interval"}, defaultValue = "1", converter = Converters.Seconds.class, paramLabel = "SECONDS",
        description = "Seconds between interval lines (default ${DEFAULT-VALUE}; 0: none).")
    Duration interval;

    @Option(names = {"-P", "--parallel"}, defaultValue = "1", converter = ToolConverters.Count.class, paramLabel = "N",
        description = "Parallel streams (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = {"-R", "--reverse"}, description = "The server sends, the client receives.")
    boolean reverse;

    @Option(names = "--bidir", description = "Both directions at once: -P streams each way.")
    boolean bidir;

    @Option(names = {"-b", "--bitrate"}, converter = Bitrate.class, paramLabel = "RATE",
        description = "Each stream's target rate in bits/s, e.g. 100M (paced by the sending application; default: "
            + "as fast as the transport goes).")
    Long bitrate;

    @Option(names = {"-l", "--length"}, defaultValue = "128KiB", converter = Converters.Size.class, paramLabel = "SIZE",
        description = "Bytes per write (default ${DEFAULT-VALUE}).")
    long length;

    @Option(names = {"-J", "--json"}, description = "Print one JSON document (start, intervals, end) instead of lines.")
    boolean json;

    @Mixin
    TransportOption transport;

    @Mixin
    ConnectTimeoutOption connectTimeout;

    @Override
    public Integer call() throws InterruptedException {
        InetSocketAddress address;
        try {
            address = HostPort.parse(server, PerfServerCommand.DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            throw DemoException.usage(e.getMessage());
        }
        Transport t = transport.resolve();
        new PerfClient(t, address, testSpec(), interval, json, connectTimeout.timeout(), settings(t)).run(spec.commandLine().getOut());
        return 0;
    }

    private TestSpec testSpec() {
        if (reverse && bidir) {
            throw DemoException.usage("give -R or --bidir, not both");
        }
        if (time != null && bytes != null) {
            throw DemoException.usage("give -t or -n, not both");
        }
        if (parallel > TestSpec.MAX_STREAMS || length > TestSpec.MAX_BLOCK) {
            throw DemoException.usage("-P is at most " + TestSpec.MAX_STREAMS + " and -l at most 16 MiB");
        }
        byte[] random = new byte[16]; // names the test on its data connections; not a secret
        ThreadLocalRandom.current().nextBytes(random);
        String cookie = HexFormat.of().formatHex(random);
        return new TestSpec(cookie, parallel, reverse, bidir, time != null ? time : Duration.ofSeconds(10),
            bytes != null ? bytes : 0, bitrate != null ? bitrate : 0, (int) length);
    }

    private Map<String, Object> settings(Transport t) {
        if (!t.name().equals("rudp")) {
            return Json.object("name", t.name());
        }
        ConnectionConfig c = transport.rudpConfig();
        return Json.object("name", t.name(), "datagram", c.maxDatagramSize(), "cc", c.congestionControl().id(),
            "pacing", c.pacing());
    }
}
