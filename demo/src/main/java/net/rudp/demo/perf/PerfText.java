package net.rudp.demo.perf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import net.rudp.demo.Units;
import net.rudp.demo.transport.TransportStats;

/**
 * perf's lines as iperf3 lays them out: a line per stream and interval ({@code [  1]   0.00-1.00
 * sec ...}), a {@code [SUM]} line when there are parallel streams, and the summary with each
 * stream's sender and receiver line. With --bidir each line says the stream's role from this
 * end, {@code [TX-C]} (the client sends) or {@code [RX-S]} (the server receives) and so on.
 */
final class PerfText {
    static final String SEPARATOR = "- - - - - - - - - - - - - - - - - - - - - - - - -";

    private final TestSpec spec;
    private final boolean atClient;
    private final Duration every;

    /** Lines for the test {@code spec} at the client or the server, with intervals of {@code every} (zero: none). */
    PerfText(TestSpec spec, boolean atClient, Duration every) {
        this.spec = spec;
        this.atClient = atClient;
        this.every = every;
    }

    /** The header above the interval lines (none without intervals); the sender's columns only where this end sends. */
    List<String> intervalHeader() {
        if (every.isZero()) {
            return List.of();
        }
        boolean sends = IntStream.rangeClosed(1, spec.totalStreams()).anyMatch(id -> spec.clientSends(id) == atClient);
        String role = spec.bidir() ? "Role" : null;
        return List.of(sends ? row("ID", role, "Interval", "Transfer", "Bitrate", "Retr", "Cwnd", "RTT")
            : row("ID", role, "Interval", "Transfer", "Bitrate"));
    }

    /**
     * The lines of one interval: a line per stream, and a [SUM] per direction with parallel
     * streams. None for the test's last moments when they are shorter than a tenth of an
     * interval (as iperf3 leaves them out); the JSON document keeps them.
     */
    List<String> intervalLines(List<Interval> intervals) {
        Interval any = intervals.getFirst();
        if (every.isZero() || any.endNanos() - any.startNanos() < every.toNanos() / 10) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (Interval i : intervals) {
            String[] sent = i.sender() ? senderColumns(i) : new String[0];
            lines.add(row(Integer.toString(i.stream()), role(i.stream()), span(i.startNanos(), i.endNanos()),
                Units.formatSize(i.bytes()), Units.formatRate(i.bitsPerSecond()), sent));
        }
        if (spec.streams() > 1) {
            for (boolean forward : directions()) {
                List<Interval> group = intervals.stream().filter(i -> spec.forward(i.stream()) == forward).toList();
                long bytes = group.stream().mapToLong(Interval::bytes).sum();
                Interval first = group.getFirst();
                String retransmitted = first.sender() ? Units.formatSize(group.stream().mapToLong(Interval::retransmittedBytes).sum()) : "";
                lines.add(row("SUM", role(first.stream()), span(first.startNanos(), first.endNanos()), Units.formatSize(bytes),
                    Units.formatRate(bytes * 8e9 / Math.max(1, first.endNanos() - first.startNanos())), retransmitted));
            }
        }
        return lines;
    }

    /** The closing lines: per stream, the sender's totals and the receiver's, then the sums. */
    List<String> summary(List<StreamResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add(SEPARATOR);
        lines.add(row("ID", spec.bidir() ? "Role" : null, "Interval", "Transfer", "Bitrate", "Retr"));
        for (int id = 1; id <= spec.totalStreams(); id++) {
            int stream = id;
            for (boolean sender : new boolean[] {true, false}) {
                results.stream().filter(r -> r.stream() == stream && r.sender() == sender).findFirst()
                    .ifPresent(r -> lines.add(resultLine(Integer.toString(stream), role(stream), List.of(r))));
            }
        }
        if (spec.streams() > 1) {
            for (boolean forward : directions()) {
                for (boolean sender : new boolean[] {true, false}) {
                    List<StreamResult> group = results.stream()
                        .filter(r -> spec.forward(r.stream()) == forward && r.sender() == sender).toList();
                    if (!group.isEmpty()) {
                        lines.add(resultLine("SUM", role(group.getFirst().stream()), group));
                    }
                }
            }
        }
        return lines;
    }

    /** A summary line for one stream's, or a direction's, results at one end. */
    private String resultLine(String id, String role, List<StreamResult> group) {
        boolean sender = group.getFirst().sender();
        long bytes = group.stream().mapToLong(StreamResult::bytes).sum();
        long nanos = group.stream().mapToLong(StreamResult::nanos).max().orElse(0);
        String retransmitted = sender ? Units.formatSize(group.stream().mapToLong(StreamResult::retransmittedBytes).sum()) : "";
        return row(id, role, span(0, nanos), Units.formatSize(bytes), Units.formatRate(bytes * 8e9 / Math.max(1, nanos)),
            retransmitted, sender ? "sender" : "receiver");
    }

    private static String[] senderColumns(Interval i) {
        return new String[] {Units.formatSize(i.retransmittedBytes()),
            i.stats().map(s -> Units.formatSize(s.congestionWindowBytes())).orElse("-"),
            i.stats().map(TransportStats::smoothedRttNanos).map(PerfText::millis).orElse("-")};
    }

    private List<Boolean> directions() {
        return spec.bidir() ? List.of(true, false) : List.of(true);
    }

    /** {@code TX-C}, {@code RX-S}...: whether this end sends on the stream, and which end this is; null without --bidir. */
    private String role(int stream) {
        if (!spec.bidir()) {
            return null;
        }
        boolean sends = spec.clientSends(stream) == atClient;
        return (sends ? "TX-" : "RX-") + (atClient ? "C" : "S");
    }

    private static String span(long fromNanos, long toNanos) {
        return String.format(Locale.ROOT, "%6.2f-%-6.2f sec", fromNanos / 1e9, toNanos / 1e9);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    /** One line in iperf3's columns; {@code extra} are Retr, Cwnd, RTT (intervals) or Retr and the end (summary). */
    private static String row(String id, String role, String interval, String transfer, String bitrate, String... extra) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%3s]", id.equals("ID") ? " ID" : id));
        if (role != null) {
            line.append('[').append(role).append(']');
        }
        line.append(String.format(Locale.ROOT, " %-17s  %10s  %13s", interval, transfer, bitrate));
        for (String column : extra) {
            line.append(String.format(Locale.ROOT, "  %9s", column));
        }
        return line.toString().stripTrailing();
    }
}
