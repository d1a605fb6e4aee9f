package net.rudp.demo.perf;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.rudp.demo.report.Json;
import net.rudp.demo.transport.TransportStats;

/**
 * The client's {@code -J} document, shaped as iperf3's: {@code start} (what was asked, where to),
 * {@code intervals} (each with its streams and their {@code sum}), {@code end} (per stream the
 * sender's and the receiver's totals, then {@code sum_sent} and {@code sum_received}; with
 * --bidir also {@code sum_sent_bidir_reverse} and {@code sum_received_bidir_reverse}).
 *
 * <p>Where iperf3's field would mean something else here, the name says what it is: rudp and
 * TCP both count retransmitted bytes (not segments), so streams carry {@code retransmitted_bytes}.
 * {@code snd_cwnd} is in bytes and {@code rtt} in microseconds, as in iperf3.
 */
final class PerfJson {
    private final TestSpec spec;
    private final List<Object> intervals = new ArrayList<>();

    PerfJson(TestSpec spec) {
        this.spec = spec;
    }

    /** Adds one interval (the client's view, as iperf3's client reports). */
    void interval(List<Interval> streams) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("streams", streams.stream().map(PerfJson::stream).toList());
        for (boolean forward : spec.bidir() ? List.of(true, false) : List.of(true)) {
            List<Interval> group = streams.stream().filter(i -> spec.forward(i.stream()) == forward).toList();
            entry.put(forward ? "sum" : "sum_bidir_reverse", intervalSum(group));
        }
        intervals.add(entry);
    }

    /**
     * The whole document.
     *
     * @param start what {@code start} holds (see {@link #start})
     * @param all   both ends' results
     */
    Map<String, Object> document(Map<String, Object> start, List<StreamResult> all, double hostCpu, double remoteCpu) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("start", start);
        doc.put("intervals", intervals);
        doc.put("end", end(all, hostCpu, remoteCpu));
        return doc;
    }

    /** The {@code start} object: the transport and its settings, the server's address, the test asked for. */
    Map<String, Object> start(String transport, Map<String, Object> transportSettings, InetSocketAddress server,
                              List<InetSocketAddress> connected, long startEpochMillis) {
        Map<String, Object> start = new LinkedHashMap<>();
        List<Object> sockets = new ArrayList<>();
        for (int i = 0; i < connected.size(); i++) {
            sockets.add(Json.object("socket", i + 1, "remote_host", connected.get(i).getAddress().getHostAddress(),
                "remote_port", connected.get(i).getPort()));
        }
        start.put("connected", sockets);
        start.put("version", "rudp-demo perf 0.1.0");
        start.put("system_info", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch") + ", Java " + Runtime.version());
        start.put("timestamp", Json.object("time", DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.ofEpochMilli(startEpochMillis).atZone(ZoneOffset.UTC)), "timesecs", startEpochMillis / 1000));
        start.put("connecting_to", Json.object("host", server.getAddress().getHostAddress(), "port", server.getPort()));
        start.put("transport", transportSettings);
        start.put("test_start", Json.object("protocol", transport, "num_streams", spec.streams(), "blksize", spec.blockSize(),
            "duration", spec.bytes() > 0 ? 0 : spec.duration().toNanos() / 1e9, "bytes", spec.bytes(),
            "reverse", spec.reverse() ? 1 : 0, "bidir", spec.bidir() ? 1 : 0, "target_bitrate", spec.bitrate()));
        return start;
    }

    private Map<String, Object> end(List<StreamResult> all, double hostCpu, double remoteCpu) {
        Map<String, Object> end = new LinkedHashMap<>();
        List<Object> streams = new ArrayList<>();
        for (int id = 1; id <= spec.totalStreams(); id++) {
            Map<String, Object> pair = new LinkedHashMap<>();
            for (StreamResult r : all) {
                if (r.stream() == id) {
                    pair.put(r.sender() ? "sender" : "receiver", result(r));
                }
            }
            streams.add(pair);
        }
        end.put("streams", streams);
        for (boolean forward : spec.bidir() ? List.of(true, false) : List.of(true)) {
            String suffix = forward ? "" : "_bidir_reverse";
            for (boolean sender : List.of(true, false)) {
                List<StreamResult> group = all.stream()
                    .filter(r -> spec.forward(r.stream()) == forward && r.sender() == sender).toList();
                end.put((sender ? "sum_sent" : "sum_received") + suffix, resultSum(group, sender));
            }
        }
        end.put("cpu_utilization_percent", Json.object("host_total", hostCpu, "remote_total", remoteCpu));
        return end;
    }

    private static Map<String, Object> stream(Interval i) {
        Map<String, Object> m = Json.object("socket", i.stream());
        m.putAll(timing(i.startNanos(), i.endNanos(), i.bytes()));
        if (i.sender()) {
            m.put("retransmitted_bytes", i.retransmittedBytes());
            i.stats().ifPresent(s -> putStats(s, m));
        }
        m.put("sender", i.sender());
        return m;
    }

    private static Map<String, Object> intervalSum(List<Interval> group) {
        Interval first = group.getFirst();
        Map<String, Object> m = timing(first.startNanos(), first.endNanos(), group.stream().mapToLong(Interval::bytes).sum());
        if (first.sender()) {
            m.put("retransmitted_bytes", group.stream().mapToLong(Interval::retransmittedBytes).sum());
        }
        m.put("sender", first.sender());
        return m;
    }

    private static Map<String, Object> result(StreamResult r) {
        Map<String, Object> m = Json.object("socket", r.stream());
        m.putAll(timing(0, r.nanos(), r.bytes()));
        if (r.sender()) {
            m.put("retransmitted_bytes", r.retransmittedBytes());
            r.stats().ifPresent(s -> {
                putStats(s, m);
                m.put("min_rtt", s.minRttNanos() / 1000);
                m.put("congestion_control", s.congestionControl());
            });
        }
        m.put("sender", r.sender());
        return m;
    }

    private static Map<String, Object> resultSum(List<StreamResult> group, boolean sender) {
        long nanos = group.stream().mapToLong(StreamResult::nanos).max().orElse(0);
        Map<String, Object> m = timing(0, nanos, group.stream().mapToLong(StreamResult::bytes).sum());
        if (sender) {
            m.put("retransmitted_bytes", group.stream().mapToLong(StreamResult::retransmittedBytes).sum());
        }
        m.put("sender", sender);
        return m;
    }

    private static void putStats(TransportStats s, Map<String, Object> m) {
        m.put("snd_cwnd", s.congestionWindowBytes());
        m.put("rtt", s.smoothedRttNanos() / 1000);
    }

    /** start, end, seconds, bytes, bits_per_second: the fields every interval and total has. */
    private static Map<String, Object> timing(long startNanos, long endNanos, long bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", startNanos / 1e9);
        m.put("end", endNanos / 1e9);
        m.put("seconds", (endNanos - startNanos) / 1e9);
        m.put("bytes", bytes);
        m.put("bits_per_second", endNanos == startNanos ? 0.0 : bytes * 8e9 / (endNanos - startNanos));
        return m;
    }
}
