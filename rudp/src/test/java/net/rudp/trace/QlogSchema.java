package net.rudp.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JSON-SEQ qlog file against what the qlog drafts require, parsing it with Jackson
 * (independently of how the tracer writes it):
 *
 * <ul>
 * <li>RFC 7464: every record is a record separator (0x1E), one JSON text, a line feed;</li>
 * <li>main schema (QlogFileSeq, TraceSeq): the header record has {@code qlog_version} and
 *     {@code qlog_format} "JSON-SEQ", and {@code trace} with a {@code vantage_point} whose
 *     {@code type} is client, server, network or unknown; with {@code time_format} "relative" the
 *     common fields carry a numeric {@code reference_time};</li>
 * <li>main schema (Event): every later record has a numeric {@code time}, a {@code name} of the
 *     form category:event and an object {@code data}; times never go back;</li>
 * <li>quic-events: a packet event's {@code data.header.packet_type} is a string, a loss's
 *     {@code trigger} one of QUIC's or in the rudp: namespace, the metrics numbers of the right
 *     kind (RTTs in milliseconds, windows and bytes integers).</li>
 * </ul>
 */
public final class QlogSchema {
    private QlogSchema() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** RFC 7464's RS. */
    private static final char RS = 0x1E;
    private static final Set<String> VANTAGE_TYPES = Set.of("client", "server", "network", "unknown");
    private static final Set<String> LOSS_TRIGGERS = Set.of("reordering_threshold", "time_threshold", "pto_expired", "rudp:nack");
    private static final Map<String, Boolean> METRICS_INTEGRAL = Map.of("smoothed_rtt", false, "latest_rtt", false,
        "min_rtt", false, "rtt_variance", false, "congestion_window", true, "bytes_in_flight", true, "ssthresh", true,
        "pacing_rate", true, "pto_count", true, "packets_in_flight", true);

    /** A checked file: its header and its events in order. */
    public record QlogFile(JsonNode header, List<JsonNode> events) {
        public List<JsonNode> named(String name) {
            return events.stream().filter(e -> e.get("name").asText().equals(name)).toList();
        }
    }

    public static QlogFile check(String sqlog) {
        List<JsonNode> records = records(sqlog);
        assertTrue(!records.isEmpty(), "no header record");
        JsonNode header = records.getFirst();
        checkHeader(header);
        List<JsonNode> events = records.subList(1, records.size());
        double previous = Double.NEGATIVE_INFINITY;
        for (JsonNode event : events) {
            checkEvent(event);
            double time = event.get("time").asDouble();
            assertTrue(time >= previous, "time goes back at " + event);
            assertTrue(time >= 0, "an event before the trace's time 0 (the origin is on another clock?): " + event);
            previous = time;
        }
        return new QlogFile(header, events);
    }

    private static List<JsonNode> records(String sqlog) {
        List<JsonNode> records = new ArrayList<>();
        if (sqlog.isEmpty()) return records;
        assertEquals(RS, sqlog.charAt(0), "a JSON-SEQ file starts with a record separator");
        for (String record : sqlog.substring(1).split(String.valueOf(RS), -1)) {
            assertTrue(record.endsWith("\n"), "a record ends with a line feed: " + record);
            try {
                JsonNode node = JSON.readTree(record);
                assertTrue(node.isObject(), "a record is a JSON object: " + record);
                records.add(node);
            } catch (JsonProcessingException e) {
                fail("record is not JSON: " + record, e);
            }
        }
        return records;
    }

    private static void checkHeader(JsonNode header) {
        assertTrue(header.path("qlog_version").isTextual(), "qlog_version: " + header);
        assertEquals("JSON-SEQ", header.path("qlog_format").asText(), "qlog_format: " + header);
        JsonNode trace = header.path("trace");
        assertTrue(trace.isObject(), "trace: " + header);
        assertTrue(VANTAGE_TYPES.contains(trace.path("vantage_point").path("type").asText()), "vantage_point.type: " + trace);
        JsonNode common = trace.path("common_fields");
        if (common.path("time_format").asText("absolute").equals("relative")) {
            assertTrue(common.path("reference_time").isNumber(), "relative times need a reference_time: " + common);
        }
    }

    private static void checkEvent(JsonNode event) {
        assertTrue(event.path("time").isNumber(), "time: " + event);
        assertTrue(event.path("name").asText().matches("[a-z_]+:[a-z_]+"), "name is category:event: " + event);
        JsonNode data = event.path("data");
        assertTrue(data.isObject(), "data: " + event);
        switch (event.get("name").asText()) {
            case "transport:packet_sent", "transport:packet_received" ->
                assertTrue(data.path("header").path("packet_type").isTextual(), "header.packet_type: " + event);
            case "recovery:packet_lost" ->
                assertTrue(!data.has("trigger") || LOSS_TRIGGERS.contains(data.get("trigger").asText()), "trigger: " + event);
            case "recovery:metrics_updated" -> {
                assertTrue(data.size() > 0, "a metrics update updates something: " + event);
                data.fieldNames().forEachRemaining(name -> {
                    Boolean integral = METRICS_INTEGRAL.get(name);
                    assertTrue(integral != null, "unknown metric " + name + ": " + event);
                    JsonNode value = data.get(name);
                    assertTrue(integral ? value.canConvertToLong() && value.isIntegralNumber() : value.isNumber(), name + ": " + event);
                    assertTrue(value.asDouble() >= 0, name + " is negative: " + event);
                });
            }
            default -> assertTrue(event.get("name").asText().startsWith("rudp:"), "an event of neither QUIC's nor rudp's: " + event);
        }
    }
}
