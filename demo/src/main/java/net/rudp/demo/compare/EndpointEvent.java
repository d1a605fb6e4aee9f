package net.rudp.demo.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.rudp.demo.report.Json;
import net.rudp.demo.transfer.Verdict;
import net.rudp.demo.transport.TransportStats;

/**
 * What an endpoint process (a transfer's sender or receiver, possibly inside a network
 * namespace) tells the demo, one JSON object per stdout line.
 */
public sealed interface EndpointEvent {

    /** The receiver listens on {@code port}. */
    record Listening(int port) implements EndpointEvent {}

    /** The sender has warmed up and waits for the word to connect (a line on its stdin). */
    record Ready() implements EndpointEvent {}

    /** The receiver has {@code bytes} verified bytes, {@code elapsedNanos} after accepting. */
    record Progress(long elapsedNanos, long bytes) implements EndpointEvent {}

    /** The sender's connection as its transport saw it, {@code elapsedNanos} after it was established. */
    record Window(long elapsedNanos, TransportStats stats) implements EndpointEvent {
        /** The sample as JSON fields, for reports. */
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("elapsed_ns", elapsedNanos);
            m.putAll(EndpointEvent.fields(stats));
            return m;
        }
    }

    /** The receiver saw end of stream and answered with {@code verdict}. */
    record Received(Verdict verdict, long elapsedNanos, long cpuNanos) implements EndpointEvent {}

    /**
     * The sender got the receiver's verdict, {@code elapsedNanos} after it started connecting.
     *
     * @param bytes    the stream's length: the size asked for, or less if the sender's time ran out
     * @param cpuNanos the sender process's CPU time over the same span
     */
    record Sent(long bytes, Verdict verdict, long elapsedNanos, long cpuNanos, Optional<TransportStats> stats)
        implements EndpointEvent {}

    /** The endpoint failed; {@code message} says why, for the user. */
    record Failed(String message) implements EndpointEvent {}

    /** This event as one line of JSON. */
    default String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (this) {
            case Listening l -> {
                m.put("event", "listening");
                m.put("port", l.port());
            }
            case Ready r -> m.put("event", "ready");
            case Progress p -> {
                m.put("event", "progress");
                m.put("elapsed_ns", p.elapsedNanos());
                m.put("bytes", p.bytes());
            }
            case Received r -> {
                m.put("event", "received");
                putVerdict(r.verdict(), m);
                m.put("elapsed_ns", r.elapsedNanos());
                m.put("cpu_ns", r.cpuNanos());
            }
            case Window w -> {
                m.put("event", "window");
                m.putAll(w.fields());
            }
            case Sent s -> {
                m.put("event", "sent");
                m.put("stream_bytes", s.bytes());
                putVerdict(s.verdict(), m);
                m.put("elapsed_ns", s.elapsedNanos());
                m.put("cpu_ns", s.cpuNanos());
                s.stats().ifPresent(stats -> m.putAll(fields(stats)));
            }
            case Failed f -> {
                m.put("event", "failed");
                m.put("message", f.message());
            }
        }
        return Json.write(m);
    }

    /**
     * Reads a line an endpoint printed.
     *
     * @throws IllegalArgumentException if it is not an event
     */
    static EndpointEvent parse(String line) {
        Map<String, Object> m = Json.readFlatObject(line);
        String event = m.get("event") instanceof String s ? s : null;
        return switch (event) {
            case "listening" -> new Listening(Math.toIntExact(number(m, "port")));
            case "ready" -> new Ready();
            case "progress" -> new Progress(number(m, "elapsed_ns"), number(m, "bytes"));
            case "received" -> new Received(verdict(m), number(m, "elapsed_ns"), number(m, "cpu_ns"));
            case "window" -> new Window(number(m, "elapsed_ns"), stats(m));
            case "sent" -> new Sent(number(m, "stream_bytes"), verdict(m), number(m, "elapsed_ns"), number(m, "cpu_ns"),
                m.containsKey("congestion_control") ? Optional.of(stats(m)) : Optional.empty());
            case "failed" -> new Failed(String.valueOf(m.get("message")));
            case null, default -> throw new IllegalArgumentException("not an endpoint event (event is " + event + "): " + line);
        };
    }

    private static void putVerdict(Verdict v, Map<String, Object> m) {
        m.put("bytes_received", v.bytesReceived());
        m.put("first_mismatch", v.firstMismatch());
        m.put("sha256", v.sha256());
    }

    private static Verdict verdict(Map<String, Object> m) {
        return new Verdict(number(m, "bytes_received"), number(m, "first_mismatch"), text(m, "sha256"));
    }

    /** {@code s} as JSON fields, as events and reports write it. */
    static Map<String, Object> fields(TransportStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("congestion_control", s.congestionControl());
        m.put("srtt_ns", s.smoothedRttNanos());
        m.put("min_rtt_ns", s.minRttNanos());
        m.put("cwnd_bytes", s.congestionWindowBytes());
        m.put("bytes_sent", s.bytesSent());
        m.put("bytes_retransmitted", s.bytesRetransmitted());
        return m;
    }

    private static TransportStats stats(Map<String, Object> m) {
        return new TransportStats(text(m, "congestion_control"), number(m, "srtt_ns"), number(m, "min_rtt_ns"),
            number(m, "cwnd_bytes"), number(m, "bytes_sent"), number(m, "bytes_retransmitted"));
    }

    private static String text(Map<String, Object> m, String key) {
        if (m.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("endpoint event without string '" + key + "': " + Json.write(m));
    }

    private static long number(Map<String, Object> m, String key) {
        if (m.get(key) instanceof Long n) {
            return n;
        }
        throw new IllegalArgumentException("endpoint event without integer '" + key + "': " + Json.write(m));
    }
}
