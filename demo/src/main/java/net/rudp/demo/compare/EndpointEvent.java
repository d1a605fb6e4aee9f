package net.rudp.demo.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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

    /** The receiver has {@code bytes} verified bytes, {@code elapsedNanos} after accepting. */
    record Progress(long elapsedNanos, long bytes) implements EndpointEvent {}

    /** The receiver saw end of stream and answered with {@code verdict}. */
    record Received(Verdict verdict, long elapsedNanos, long cpuNanos) implements EndpointEvent {}

    /**
     * The sender got the receiver's verdict, {@code elapsedNanos} after it started connecting.
     *
     * @param cpuNanos the sender process's CPU time over the same span
     */
    record Sent(Verdict verdict, long elapsedNanos, long cpuNanos, Optional<TransportStats> stats)
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
            case Sent s -> {
                m.put("event", "sent");
                putVerdict(s.verdict(), m);
                m.put("elapsed_ns", s.elapsedNanos());
                m.put("cpu_ns", s.cpuNanos());
                s.stats().ifPresent(stats -> {
                    m.put("congestion_control", stats.congestionControl());
                    m.put("retransmissions", boxed(stats.retransmissions()));
                    m.put("packets_sent", boxed(stats.packetsSent()));
                    m.put("stats_scope", stats.scope());
                });
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
            case "progress" -> new Progress(number(m, "elapsed_ns"), number(m, "bytes"));
            case "received" -> new Received(verdict(m), number(m, "elapsed_ns"), number(m, "cpu_ns"));
            case "sent" -> new Sent(verdict(m), number(m, "elapsed_ns"), number(m, "cpu_ns"),
                m.containsKey("congestion_control")
                    ? Optional.of(new TransportStats((String) m.get("congestion_control"),
                        optional(m, "retransmissions"), optional(m, "packets_sent"), (String) m.get("stats_scope")))
                    : Optional.empty());
            case "failed" -> new Failed(String.valueOf(m.get("message")));
            case null, default -> throw new IllegalArgumentException("not an endpoint event (event is " + event + "): " + line);
        };
    }

    private static void putVerdict(Verdict v, Map<String, Object> m) {
        m.put("bytes_received", v.bytesReceived());
        m.put("first_mismatch", v.firstMismatch());
    }

    private static Verdict verdict(Map<String, Object> m) {
        return new Verdict(number(m, "bytes_received"), number(m, "first_mismatch"));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static OptionalLong optional(Map<String, Object> m, String key) {
        return m.get(key) instanceof Long n ? OptionalLong.of(n) : OptionalLong.empty();
    }

    private static long number(Map<String, Object> m, String key) {
        if (m.get(key) instanceof Long n) {
            return n;
        }
        throw new IllegalArgumentException("endpoint event without integer '" + key + "': " + Json.write(m));
    }
}
