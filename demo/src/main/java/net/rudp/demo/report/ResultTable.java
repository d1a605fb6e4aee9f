package net.rudp.demo.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import net.rudp.demo.Units;
import net.rudp.demo.compare.Comparison;
import net.rudp.demo.compare.Fairness;
import net.rudp.demo.compare.LinkRun;
import net.rudp.demo.compare.TransferResult;
import net.rudp.demo.transport.TransportStats;

/**
 * The comparison's results as plain text: one row per flow; one after another, one row per further
 * transport with its ratios to the first (the baseline, kernel TCP); together, how the flows shared
 * the link; then footnotes and the command that repeats each run.
 */
public final class ResultTable {
    private static final List<String> HEADER = List.of("transport", "congestion", "time", "goodput",
        "retransmitted", "sRTT p50", "min RTT", "CPU snd+rcv", "CPU/byte", "verified");
    /** Columns whose cells are numbers, aligned right. */
    private static final Set<Integer> RIGHT_ALIGNED = Set.of(2, 3, 4, 5, 6, 7, 8);

    private ResultTable() {}

    /** The table, the ratio rows or the sharing, the footnotes and the commands. */
    public static String format(Comparison comparison) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        List<TransferResult> results = comparison.flows();
        for (TransferResult r : results) {
            rows.add(row(r));
        }
        TransferResult baseline = results.getFirst();
        if (!comparison.together()) {
            for (TransferResult r : results.subList(1, results.size())) {
                rows.add(List.of(r.flow() + "/" + baseline.flow(), "",
                    ratio(r, baseline, x -> (double) x.wall().toNanos()),
                    ratio(r, baseline, TransferResult::throughputBitsPerSecond),
                    "", "", "",
                    ratio(r, baseline, x -> (double) x.cpuNanos()),
                    ratio(r, baseline, TransferResult::cpuNanosPerByte), ""));
            }
        }
        StringBuilder out = new StringBuilder(aligned(rows, RIGHT_ALIGNED));
        for (LinkRun run : comparison.runs()) {
            if (run.together()) {
                out.append(sharing(run, comparison.linkBitsPerSecond()));
            }
        }
        boolean oneDigest = results.stream().map(TransferResult::sentSha256).distinct().count() == 1;
        out.append("  verified: each receiver compared every byte with the pattern and its SHA-256 with the sender's")
            .append(oneDigest ? " (" + baseline.sentSha256().substring(0, 16) + "...)" : "").append('\n');
        out.append("  retransmitted, min RTT, congestion: the sender's connection at the end (rudp: its stats; TCP: the "
            + "kernel's tcp_info); sRTT p50: the median of its smoothed RTT, sampled over the transfer\n");
        out.append("  CPU: user+system time of the sender and receiver processes (JVM included); "
            + "kernel softirq work is only partly charged to them\n");
        out.append(commands(comparison));
        return out.toString();
    }

    private static List<String> row(TransferResult r) {
        Optional<TransportStats> s = r.stats();
        return List.of(
            r.flow(),
            s.map(TransportStats::congestionControl).orElse("n/a"),
            Units.formatDuration(r.wall()),
            Units.formatRate(r.throughputBitsPerSecond()),
            s.map(ResultTable::retransmitted).orElse("n/a"),
            r.medianSmoothedRttNanos().map(x -> Units.formatDuration(Duration.ofNanos(x))).orElse("n/a"),
            s.map(x -> Units.formatDuration(Duration.ofNanos(x.minRttNanos()))).orElse("n/a"),
            Units.formatDuration(Duration.ofNanos(r.cpuNanos())),
            String.format(Locale.ROOT, "%.2f ns", r.cpuNanosPerByte()),
            verified(r));
    }

    private static String verified(TransferResult r) {
        if (!r.verified()) {
            return "NO: " + r.verificationFailure();
        }
        return r.timeLimited() ? "yes (--time ended it at " + Units.formatSize(r.size()) + ")" : "yes";
    }

    /**
     * How the flows of a run together shared the link while all of them ran: each one's verified
     * bytes (exact, so that the index can be checked), goodput and share, and Jain's index.
     */
    static String sharing(LinkRun run, long linkBitsPerSecond) {
        Optional<Fairness> fairness = run.fairness();
        if (fairness.isEmpty()) {
            return "the flows never all ran at the same time (for long enough to tell how they shared the link)\n";
        }
        Fairness f = fairness.get();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "sharing the link while all flows ran, %.2f s to %.2f s (%s):%n",
            f.fromNanos() / 1e9, f.toNanos() / 1e9, Units.formatDuration(Duration.ofNanos(f.nanos()))));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("flow", "verified bytes", "goodput", "share"));
        for (Fairness.FlowShare share : f.flows()) {
            rows.add(List.of(share.flow(), Long.toString(share.bytes()), Units.formatRate(f.bitsPerSecond(share)),
                Units.formatPercent(f.share(share))));
        }
        rows.add(List.of("all", Long.toString(f.totalBytes()), Units.formatRate(f.totalBitsPerSecond()), "100%"));
        out.append(aligned(rows, Set.of(1, 2, 3)).indent(2));
        if (linkBitsPerSecond > 0) {
            out.append("  their goodput together is ").append(Units.formatPercent(f.totalBitsPerSecond() / linkBitsPerSecond))
                .append(" of the link's ").append(Units.formatRate(linkBitsPerSecond)).append(" (headers and retransmissions not counted)\n");
        }
        out.append(String.format(Locale.ROOT, "  Jain's fairness index: %.4f ((Σx)² / (n·Σx²) of the verified bytes; "
            + "1 is an equal share, 1/n one flow with everything)%n", f.jainIndex()));
        return out.toString();
    }

    private static String commands(Comparison comparison) {
        StringBuilder out = new StringBuilder("to repeat");
        List<LinkRun> runs = comparison.runs();
        out.append(runs.size() == 1 ? ":" : " a row:").append('\n');
        for (int i = 0; i < runs.size(); i++) {
            out.append("  ").append(runs.size() == 1 ? "" : runs.get(i).describeFlows() + ": ")
                .append(comparison.commands().get(i)).append('\n');
        }
        return out.toString();
    }

    /** "1.2 MiB (3.1%)": payload bytes sent again, and their share of all bytes sent. */
    private static String retransmitted(TransportStats s) {
        return Units.formatSize(s.bytesRetransmitted()) + " (" + Units.formatPercent(s.retransmittedFraction()) + ")";
    }

    private static String ratio(TransferResult r, TransferResult baseline, Function<TransferResult, Double> value) {
        return String.format(Locale.ROOT, "%.2fx", value.apply(r) / value.apply(baseline));
    }

    /** The rows as lines, columns two spaces apart, those in {@code rightAligned} aligned right. */
    private static String aligned(List<List<String>> rows, Set<Integer> rightAligned) {
        int[] widths = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(rightAligned.contains(c) ? pad + cell : cell + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
