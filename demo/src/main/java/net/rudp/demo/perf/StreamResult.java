package net.rudp.demo.perf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.rudp.demo.transport.TransportStats;

/**
 * One end's totals for one stream, as that end measured them: what the "sender" and "receiver"
 * lines of the summary show. Each end sends its own to the other over the control connection.
 *
 * @param stream the stream's id
 * @param sender whether this end sent on it
 * @param nanos  from the test's start until the sender stopped, or the receiver saw end of stream
 * @param bytes  bytes sent or received
 * @param stats  the connection's counters at the end, if the transport tells (a sender's are the ones that mean something)
 */
record StreamResult(int stream, boolean sender, long nanos, long bytes, Optional<TransportStats> stats) {

    double seconds() {
        return nanos / 1e9;
    }

    double bitsPerSecond() {
        return nanos == 0 ? 0 : bytes * 8e9 / nanos;
    }

    long retransmittedBytes() {
        return stats.map(TransportStats::bytesRetransmitted).orElse(0L);
    }

    ControlMessage toMessage() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stream", (long) stream);
        m.put("sender", sender);
        m.put("nanos", nanos);
        m.put("bytes", bytes);
        stats.ifPresent(s -> {
            m.put("cc", s.congestionControl());
            m.put("srtt_ns", s.smoothedRttNanos());
            m.put("min_rtt_ns", s.minRttNanos());
            m.put("cwnd_bytes", s.congestionWindowBytes());
            m.put("bytes_sent", s.bytesSent());
            m.put("bytes_retransmitted", s.bytesRetransmitted());
        });
        return ControlMessage.of("result").with(m);
    }

    /** @throws IllegalArgumentException if {@code m} is not a result */
    static StreamResult of(ControlMessage m) {
        Optional<TransportStats> stats = m.has("cc") ? Optional.of(new TransportStats(m.text("cc"), m.number("srtt_ns"),
            m.number("min_rtt_ns"), m.number("cwnd_bytes"), m.number("bytes_sent"), m.number("bytes_retransmitted")))
            : Optional.empty();
        return new StreamResult(Math.toIntExact(m.number("stream")), m.flag("sender"), m.number("nanos"), m.number("bytes"), stats);
    }
}
