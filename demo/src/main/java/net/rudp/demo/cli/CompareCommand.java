package net.rudp.demo.cli;

import net.rudp.demo.DemoException;
import net.rudp.demo.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.rudp.demo.compare.CompareRun;
import net.rudp.demo.compare.CompareSettings;
import net.rudp.demo.compare.Comparison;
import net.rudp.demo.compare.LinkRun;
import net.rudp.demo.compare.LinkSetup;
import net.rudp.demo.compare.LoopbackPath;
import net.rudp.demo.compare.NetworkPath;
import net.rudp.demo.compare.Observations;
import net.rudp.demo.compare.ProgressView;
import net.rudp.demo.compare.RelayPath;
import net.rudp.demo.compare.TransferResult;
import net.rudp.demo.report.ReportFiles;
import net.rudp.demo.report.ResultTable;
import net.rudp.demo.testbed.TestBed;
import net.rudp.demo.transport.RudpTransport;
import net.rudp.demo.transport.Transport;
import net.rudp.demo.transport.Transports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The demo's main act: the same verified bulk transfer over each transport, one after another,
 * over the same path, or several flows at the same time through the same link; then a table and
 * report files.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    footer = {"", "Examples:", "  compare", "  compare --scenario wan-loss1", "  compare --scenario wan-loss1 --relay",
        "  compare --rate 50mbit --delay 10ms --loss 1%% --size 20MiB",
        "  compare --scenario wan --together tcp,rudp", "  compare --scenario wan --together rudp,rudp --stagger 2s"})
final class CompareCommand implements Callable<Integer> {
    static final long LOOPBACK_DEFAULT_SIZE = 256L << 20;
    static final long TEST_BED_DEFAULT_SIZE = 20L << 20;
    /** Across an emulated link a sender writes for at most this long unless --time says otherwise. */
    static final Duration EMULATED_LINK_DEFAULT_TIME = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    /** The --help description; lists the scenarios, which picocli cannot do by itself. */
    static String[] description() {
        return String.join("%n", List.of(
            "Run the same verified bulk transfer over each transport and compare them.",
            "",
            "Transports run one after another, never at the same time, so they do not",
            "compete for CPUs or bandwidth. The table shows goodput, time,",
            "retransmissions, RTT and CPU per byte, and the command that repeats each",
            "row; results.json, samples.csv, windows.csv and compare.png go to --out.",
            "",
            "--together runs its flows at the same time through the same link instead",
            "(tcp,rudp: kernel TCP against rudp; rudp,rudp: rudp against itself); the",
            "report adds each flow's share while all of them ran and Jain's fairness",
            "index, and the chart draws the flows on one timeline.",
            "",
            "Scenarios (--scenario), each profile applies each way:",
            LinkOptions.scenarioHelp(),
            "",
            "Any scenario but loopback, and the impairment options (--loss, --delay,",
            "--jitter, --rate, --queue, --reorder, --dup), run over the test bed: two",
            "network namespaces joined by an emulated link (root only). The options",
            "change the scenario's profile, or build one from nothing. Without root,",
            "--relay runs rudp alone through a UDP relay on loopback that applies the",
            "same profile (TCP cannot cross it).")).split("%n");
    }

    @picocli.CommandLine.Mixin
    LinkOptions linkOptions;

    @Option(names = "--size", converter = Converters.Size.class, paramLabel = "SIZE",
        description = "Bytes per transfer, e.g. 64MiB (default 256MiB on loopback, 20MiB across an emulated link).")
    Long size;

    @Option(names = "--time", converter = Converters.Time.class, paramLabel = "TIME",
        description = "Each sender writes for at most this long, then ends its stream; what it wrote must still "
            + "arrive, and is verified and counted (default 60s across an emulated link, no limit on loopback; 0s: no limit).")
    Duration time;

    @Option(names = "--transports", split = ",", paramLabel = "NAME",
        description = "Transports to run, one after another, in order (default: all of ${COMPLETION-CANDIDATES}).",
        completionCandidates = TransportNames.class)
    List<String> transports;

    @Option(names = "--together", split = ",", paramLabel = "NAME",
        description = "Instead: these flows at the same time through the same link, e.g. tcp,rudp or rudp,rudp.")
    List<String> together;

    @Option(names = "--stagger", converter = Converters.Time.class, paramLabel = "TIME",
        description = "With --together: start each flow this long after the one before (default 0s).")
    Duration stagger;

    @Option(names = "--out", defaultValue = "demo-report", paramLabel = "DIR", description = "Where report files go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--timeout", defaultValue = "300s", converter = Converters.Time.class, paramLabel = "TIME",
        description = "Give up on a transfer after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @picocli.CommandLine.Mixin
    RudpOptions rudp;

    @Option(names = "--tcp-cc", paramLabel = "NAME", description = "Kernel TCP's congestion control on the test bed, "
        + "e.g. reno (default: the kernel's default); one of /proc/sys/net/ipv4/tcp_allowed_congestion_control.")
    String tcpCongestionControl;

    @Option(names = "--relay", description = "Instead of the test bed: rudp alone through the UDP impairment relay on "
        + "loopback (no privileges needed; kernel TCP is not run, as it cannot cross a UDP relay).")
    boolean relay;

    @Option(names = "--no-progress", description = "No progress bars (they are shown only on a terminal anyway).")
    boolean noProgress;

    @Option(names = "--capture", paramLabel = "DIR", description = "rudp's endpoints write a pcapng capture of each "
        + "transfer here (FLOW-sender, FLOW-receiver; at most 10 files of 64 MiB each, named as Wireshark's ring buffer "
        + "names them); open them with spec/wireshark/rudp_dissector.lua. On the test bed the link also captures each run "
        + "with tcp (tcp-link), as it sees both hosts' packets. Costs CPU: leave it off when timing.")
    Path capture;

    @Option(names = "--qlog", paramLabel = "DIR", description = "rudp's endpoints write a qlog trace (.sqlog) of each "
        + "transfer's connection here (FLOW-sender, FLOW-receiver), for qvis.")
    Path qlog;

    /** Lists the transport names for --help. */
    static final class TransportNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Transports.names().iterator();
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        Optional<LinkSetup> link = linkOptions.link();
        CompareSettings settings = settings(link);
        List<LinkRun> runs;
        String description;
        try (NetworkPath path = open(link)) {
            if (relay && together == null) {
                stdout.println("tcp is not run: the UDP impairment relay carries datagrams only; run as root without "
                    + "--relay for kernel TCP and rudp across the same emulated link");
            }
            description = path.description();
            stdout.println(headline(settings, description));
            stdout.flush();
            runs = new CompareRun(path, settings, showBars() ? new BarProgressView() : ProgressView.NONE,
                new Observations(Optional.ofNullable(capture), Optional.ofNullable(qlog))).run();
        }
        RepeatCommand repeat = new RepeatCommand(spec.commandLine().getParseResult(), settings.size(), linkOptions.seed);
        Comparison comparison = new Comparison(description, link.map(l -> l.eachWay().rateBitsPerSecond()).orElse(0L), runs,
            runs.stream().map(run -> repeat.of(run.flows().stream().map(TransferResult::transport).toList(), settings.together())).toList());
        stdout.println();
        stdout.print(ResultTable.format(comparison));
        for (LinkRun run : runs) {
            run.link().ifPresent(report -> stdout.println("emulated link during " + run.describeFlows() + ":\n  "
                + report.replace("\n", "\n  ")));
        }
        List<Path> files = ReportFiles.write(out, comparison);
        stdout.println("wrote " + files.stream().map(Path::toString).toList());
        stdout.flush();
        return comparison.flows().stream().allMatch(TransferResult::verified) ? 0 : 1;
    }

    private CompareSettings settings(Optional<LinkSetup> link) {
        if (stagger != null && together == null) {
            throw DemoException.usage("--stagger needs --together: it is the time between the starts of flows that run together");
        }
        if (together != null && transports != null) {
            throw DemoException.usage("--together and --transports exclude each other: --transports runs one after "
                + "another, --together at the same time");
        }
        if (together != null && together.size() < 2) {
            throw DemoException.usage("--together needs at least two flows to share a link, e.g. --together rudp,rudp");
        }
        Duration limit = time != null ? time : link.isPresent() ? EMULATED_LINK_DEFAULT_TIME : Duration.ZERO;
        long bytes = size != null ? size : link.isPresent() ? TEST_BED_DEFAULT_SIZE : LOOPBACK_DEFAULT_SIZE;
        return new CompareSettings(transports(rudp.transport()), together != null,
            stagger != null ? stagger : Duration.ZERO, bytes, limit.isZero() ? Optional.empty() : Optional.of(limit),
            linkOptions.seed, timeout, Duration.ofMillis(100));
    }

    /** "[tcp, rudp] over loopback (...), 256 MiB each", and the time limit and stagger if there are. */
    private static String headline(CompareSettings settings, String description) {
        String flows = settings.transports().stream().map(Transport::name).toList().toString();
        return (settings.together() ? flows + " together" : flows) + " over " + description + ", "
            + Units.formatSize(settings.size()) + " each"
            + settings.time().map(t -> " (a sender stops writing after " + Units.formatDuration(t) + ")").orElse("")
            + (settings.stagger().isZero() ? "" : ", each flow " + Units.formatDuration(settings.stagger()) + " after the one before");
    }

    /** Bars only on a terminal: redirected to a file they would be a long run of carriage returns. */
    private boolean showBars() {
        java.io.Console console = System.console();
        return !noProgress && console != null && console.isTerminal();
    }

    private NetworkPath open(Optional<LinkSetup> link) {
        if (relay) {
            return new RelayPath(link.orElseThrow(() -> DemoException.usage(
                "--relay needs an emulated link: add --scenario NAME or an impairment option such as --loss 1%")));
        }
        if (tcpCongestionControl != null && (relay || link.isEmpty())) {
            throw DemoException.usage("--tcp-cc works on the test bed only (it sets the namespaces' default): "
                + "add --scenario NAME or an impairment option, and drop --relay");
        }
        return link.<NetworkPath>map(l -> TestBed.create(l, Optional.ofNullable(tcpCongestionControl)))
            .orElseGet(LoopbackPath::new);
    }

    /** The transports asked for, with {@code rudp} as rudp; through the relay only those over UDP (rudp). */
    private List<Transport> transports(RudpTransport rudp) {
        String option = together != null ? "--together" : "--transports";
        List<String> names = together != null ? together : transports;
        List<Transport> chosen = names == null ? Transports.all(rudp)
            : names.stream().map(name -> Transports.byName(name, rudp).orElseThrow(() -> DemoException.usage(
                "unknown transport '" + name + "' in " + option + ": use one of " + Transports.names()))).toList();
        if (!relay) {
            return chosen;
        }
        if (names != null && chosen.stream().anyMatch(t -> !(t instanceof RudpTransport))) {
            throw DemoException.usage("--relay carries UDP only: drop tcp from " + option
                + ", or run as root without --relay for the test bed");
        }
        return chosen.stream().filter(t -> t instanceof RudpTransport).toList();
    }
}
