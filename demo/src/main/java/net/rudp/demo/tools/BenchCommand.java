package net.rudp.demo.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import net.rudp.AeadSuite;
import net.rudp.Authentication;
import net.rudp.ConnectionConfig;
import net.rudp.demo.DemoException;
import net.rudp.demo.Units;
import net.rudp.demo.cli.Converters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: raw UDP, kernel TCP and rudp at two datagram sizes move the same payload on
 * loopback in one run, one after another; throughput, CPU and their ratios.
 *
 * <p>Sender and receiver are two threads of this process, not child processes: one process CPU
 * clock then covers both ends exactly, and on loopback the kernel's work for both ends (which
 * runs on the sending and receiving threads) falls into it too. Children would each pay JVM
 * start-up and JIT compilation again, and their CPU would have to be collected and added. To
 * keep one contender from profiting from the last one's compiled code or paying for its
 * garbage, each gets an untimed warm-up transfer first and a garbage collection before each
 * transfer; each transfer uses a fresh listener and connection (for rudp, fresh endpoints).
 * A short transfer on a shared machine is noisy, so each contender runs {@code --runs} times,
 * in interleaved rounds, and the table shows its median run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Transfer benchmark on loopback: raw UDP, kernel TCP and rudp in one run.",
        "",
        "Move the same payload on loopback with raw UDP (1200-byte datagrams, one send",
        "each, no reliability: it reports what arrives), kernel TCP, and rudp with 1200-",
        "and 65507-byte datagrams; one after another, in this process (sender and receiver",
        "threads). Prints MB/s, CPU seconds and CPU ns per byte of the whole process, and",
        "rudp's ratios to TCP and raw UDP, for each contender's median run; writes bench.md",
        "and bench.csv (every run) to --out."},
    footer = {"", "Examples:", "  bench", "  bench --size 1GiB --out /tmp/bench"})
public final class BenchCommand implements Callable<Integer> {
    /** The datagram size of QUIC and rudp's default: fits any path's MTU. */
    static final int SMALL_DATAGRAM = 1200;

    @Spec
    CommandSpec spec;

    @Option(names = "--size", defaultValue = "256MiB", converter = Converters.Size.class, paramLabel = "SIZE",
        description = "Payload per contender (default ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--warmup", defaultValue = "32MiB", converter = ToolConverters.SizeOrZero.class, paramLabel = "SIZE",
        description = "Untimed transfer before each measured one (default ${DEFAULT-VALUE}; 0: none).")
    long warmup;

    @Option(names = "--out", defaultValue = "bench-report", paramLabel = "DIR",
        description = "Where bench.md and bench.csv go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--runs", defaultValue = "3", converter = ToolConverters.Count.class, paramLabel = "N",
        description = "Measured transfers per contender; the table shows the median (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--timeout", defaultValue = "300s", converter = Converters.Time.class, paramLabel = "TIME",
        description = "Give up on a contender after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--parallel", defaultValue = "0", paramLabel = "N",
        description = "Also N rudp transfers at once (1200 B datagrams, the payload split among them) into a listener"
            + " with 1 loop and one with a loop per CPU (default ${DEFAULT-VALUE}: not run).")
    int parallel;

    @Option(names = "--authenticated", description = "Also rudp with " + SMALL_DATAGRAM + " B datagrams in the authenticated"
        + " mode, a row per AEAD suite, every packet sealed (spec/AUTHENTICATED.md; a pre-shared key drawn for the run).")
    boolean authenticated;

    private final ToolTransports transports;

    public BenchCommand() {
        this(ToolTransports.builtIn());
    }

    BenchCommand(ToolTransports transports) {
        this.transports = transports;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        createReportDirectory(); // first: a run is too long to lose for want of a directory
        List<BenchContender> contenders = new ArrayList<>(List.of(
            new UdpBlast(SMALL_DATAGRAM),
            new StreamBlast("tcp", "kernel segments", transports.named("tcp", "bench")),
            rudp(SMALL_DATAGRAM),
            rudp(ConnectionConfig.MAX_DATAGRAM)));
        if (parallel < 0) throw DemoException.usage("--parallel must be 0 or more: " + parallel);
        if (parallel > 0) {
            contenders.add(parallel(1));
            contenders.add(parallel(Runtime.getRuntime().availableProcessors()));
        }
        if (authenticated) {
            for (AeadSuite suite : AeadSuite.values()) contenders.add(sealed(suite));
        }
        stdout.printf("bench: %s per transfer on 127.0.0.1; %d rounds, each contender once per round (warm-up %s)%n",
            Units.formatSize(size), runs, warmup == 0 ? "none" : Units.formatSize(warmup));
        stdout.flush();
        if (warmup > 0) {
            for (BenchContender contender : contenders) {
                System.gc();
                contender.run(warmup, timeout);
            }
        }
        // Rounds interleave the contenders, so that a burst of load from elsewhere on the machine
        // hurts all of them alike instead of one contender's every run.
        List<List<BenchResult>> measured = contenders.stream().<List<BenchResult>>map(c -> new ArrayList<>()).toList();
        for (int round = 1; round <= runs; round++) {
            for (int c = 0; c < contenders.size(); c++) {
                System.gc(); // the last transfer's garbage is not this one's to collect
                BenchResult r = contenders.get(c).run(size, timeout);
                measured.get(c).add(r);
                stdout.printf(Locale.ROOT, "  round %d  %-10s %8.1f MB/s%n", round, r.contender(), r.megabytesPerSecond());
                stdout.flush();
            }
        }
        List<BenchResult> results = measured.stream().map(BenchResult::median).toList();
        List<String> baselines = List.of("tcp", contenders.getFirst().name());
        List<String> notes = notes();
        stdout.println();
        stdout.print(BenchReport.text(results, baselines, notes));
        Path markdown = out.resolve("bench.md");
        Path csv = out.resolve("bench.csv");
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        // Run as a subcommand, the original arguments start with the subcommand's own name.
        if (!args.isEmpty() && args.getFirst().equals(spec.name())) args = args.subList(1, args.size());
        String command = "rudp-demo bench " + String.join(" ", args);
        Files.writeString(markdown, BenchReport.markdown(command.strip(), results, baselines, notes));
        Files.writeString(csv, BenchReport.csv(measured));
        stdout.println("wrote " + List.of(markdown, csv));
        return 0;
    }

    private void createReportDirectory() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw DemoException.failure("cannot write the report into " + out + ": it is a file, not a directory");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw DemoException.failure("cannot create the report directory " + out + ": " + e.getMessage());
        }
    }

    private StreamBlast rudp(int datagramSize) {
        ConnectionConfig config = ConnectionConfig.builder().maxDatagramSize(datagramSize).build();
        return new StreamBlast("rudp " + datagramSize, datagramSize + " B datagrams", transports.rudp(config));
    }

    /** {@code --authenticated}: rudp with small datagrams, every packet sealed with {@code suite}. */
    private StreamBlast sealed(AeadSuite suite) {
        byte[] key = new byte[Authentication.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        ConnectionConfig config = ConnectionConfig.builder().maxDatagramSize(SMALL_DATAGRAM)
            .authentication(Authentication.preShared(key).withSuite(suite)).build();
        return new StreamBlast("rudp sealed " + suite.name(), SMALL_DATAGRAM + " B, " + suite.name(), transports.rudp(config));
    }

    /** {@code --parallel} transfers at once into a listener with {@code loops} loops. */
    private ParallelBlast parallel(int loops) {
        ConnectionConfig config = ConnectionConfig.builder().maxDatagramSize(SMALL_DATAGRAM).build();
        return new ParallelBlast("rudp " + parallel + "c " + loops + "l", SMALL_DATAGRAM + " B, " + parallel + " clients, "
            + loops + (loops == 1 ? " loop" : " loops"), config, parallel, loops);
    }

    private List<String> notes() throws IOException {
        return List.of(
            "each row is the contender's median run of " + runs + " (by time); bench.csv has every run",
            "MB/s: 10^6 bytes of delivered payload per second, from the sender's first byte to the receiver's last",
            "CPU: user+system time of this whole process (sender, receiver, JVM) during the transfer; on loopback "
                + "the kernel's work for both ends runs on these threads and is counted",
            "raw UDP: one send per datagram, no reliability; the receiver's SO_RCVBUF was "
                + Units.formatSize(UdpBlast.grantedReceiveBuffer()) + " (asked " + Units.formatSize(UdpBlast.RECEIVE_BUFFER)
                + ", capped by net.core.rmem_max); what did not fit was dropped",
            "rudp Nc Ml: N transfers at once, each client on a port of its own, into one listener served by M loop"
                + " threads (RudpSocketOptions.SERVER_LOOPS; one UDP socket each with SO_REUSEPORT where Linux offers it)",
            "on " + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }
}
