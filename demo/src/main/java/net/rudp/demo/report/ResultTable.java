package net.rudp.demo.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.rudp.demo.Units;
import net.rudp.demo.compare.TransferResult;
import net.rudp.demo.transport.TransportStats;

/** The comparison's results as a plain-text table, one row per transport, with footnotes. */
public final class ResultTable {
    private static final List<String> HEADER = List.of(
        "transport", "congestion", "size", "time", "throughput", "retransmits", "CPU snd+rcv", "CPU/byte", "verified");
    /** Columns whose cells are numbers, aligned right. */
    private static final Set<Integer> RIGHT_ALIGNED = Set.of(2, 3, 4, 5, 6, 7);

    private ResultTable() {}

    /** The table with a line per result, then a footnote per distinct counter scope. */
    public static String format(List<TransferResult> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        Set<String> footnotes = new LinkedHashSet<>();
        for (TransferResult r : results) {
            String retransmits = r.stats().map(TransportStats::retransmissions)
                .filter(n -> n.isPresent()).map(n -> Long.toString(n.getAsLong())).orElse("n/a");
            r.stats().ifPresent(s -> footnotes.add(r.transport() + " counters: " + s.scope()));
            rows.add(List.of(
                r.transport(),
                r.stats().map(TransportStats::congestionControl).orElse("n/a"),
                Units.formatSize(r.size()),
                Units.formatDuration(r.wall()),
                Units.formatRate(r.throughputBitsPerSecond()),
                retransmits,
                Units.formatDuration(Duration.ofNanos(r.cpuNanos())),
                String.format(Locale.ROOT, "%.2f ns", r.cpuNanosPerByte()),
                r.verified() ? "yes" : "NO: " + r.verdict().describeFailure(r.size())));
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
        footnotes.add("CPU: user+system time of the sender and receiver processes (JVM included); "
            + "kernel softirq work is only partly charged to them");
        for (String note : footnotes) {
            out.append("  ").append(note).append('\n');
        }
        return out.toString();
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
