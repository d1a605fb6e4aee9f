package net.rudp.demo.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import net.rudp.demo.Units;
import net.rudp.demo.compare.TransferResult;
import net.rudp.demo.transport.TransportStats;

/**
 * The comparison's results as a plain-text table: one row per transport, then one row per
 * further transport with its ratios to the first (the baseline, kernel TCP), then footnotes.
 */
public final class ResultTable {
    private static final List<String> HEADER = List.of("transport", "congestion", "time", "goodput",
        "retransmitted", "sRTT", "min RTT", "CPU snd+rcv", "CPU/byte", "verified");
    /** Columns whose cells are numbers, aligned right. */
    private static final Set<Integer> RIGHT_ALIGNED = Set.of(2, 3, 4, 5, 6, 7, 8);

    private ResultTable() {}

    /** The table, the ratio rows and the footnotes. */
    public static String format(List<TransferResult> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (TransferResult r : results) {
            Optional<TransportStats> s = r.stats();
            rows.add(List.of(
                r.transport(),
                s.map(TransportStats::congestionControl).orElse("n/a"),
                Units.formatDuration(r.wall()),
                Units.formatRate(r.throughputBitsPerSecond()),
                s.map(ResultTable::retransmitted).orElse("n/a"),
                s.map(x -> Units.formatDuration(Duration.ofNanos(x.smoothedRttNanos()))).orElse("n/a"),
                s.map(x -> Units.formatDuration(Duration.ofNanos(x.minRttNanos()))).orElse("n/a"),
                Units.formatDuration(Duration.ofNanos(r.cpuNanos())),
                String.format(Locale.ROOT, "%.2f ns", r.cpuNanosPerByte()),
                r.verified() ? "yes" : "NO: " + r.verificationFailure()));
        }
        TransferResult baseline = results.getFirst();
        for (TransferResult r : results.subList(1, results.size())) {
            rows.add(List.of(r.transport() + "/" + baseline.transport(), "",
                ratio(r, baseline, x -> (double) x.wall().toNanos()),
                ratio(r, baseline, TransferResult::throughputBitsPerSecond),
                "", "", "",
                ratio(r, baseline, x -> (double) x.cpuNanos()),
                ratio(r, baseline, TransferResult::cpuNanosPerByte), ""));
        }
        StringBuilder out = new StringBuilder();
        int[] widths = widths(rows);
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(RIGHT_ALIGNED.contains(c) ? pad + cell : cell + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append("  verified: each receiver compared every byte with the pattern and its SHA-256 with the sender's (")
            .append(baseline.sentSha256(), 0, 16).append("...)\n");
        out.append("  retransmitted, RTT, congestion: the sender's connection at the end (rudp: its stats; TCP: the kernel's tcp_info)\n");
        out.append("  CPU: user+system time of the sender and receiver processes (JVM included); "
            + "kernel softirq work is only partly charged to them\n");
        return out.toString();
    }

    /** "1.2 MiB (3.1%)": payload bytes sent again, and their share of all bytes sent. */
    private static String retransmitted(TransportStats s) {
        return Units.formatSize(s.bytesRetransmitted()) + " (" + Units.formatPercent(s.retransmittedFraction()) + ")";
    }

    private static String ratio(TransferResult r, TransferResult baseline, Function<TransferResult, Double> value) {
        return String.format(Locale.ROOT, "%.2fx", value.apply(r) / value.apply(baseline));
    }

    private static int[] widths(List<List<String>> rows) {
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        return widths;
    }
}
