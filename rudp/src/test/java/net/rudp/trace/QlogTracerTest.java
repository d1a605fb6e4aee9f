package net.rudp.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import net.rudp.ConnectionTracer.LossTrigger;
import net.rudp.trace.QlogSchema.QlogFile;
import net.rudp.trace.QlogTracer.Trace;
import net.rudp.trace.QlogTracer.VantagePoint;
import org.junit.jupiter.api.Test;

/** Each tracer call as the qlog record it becomes, and a header any label survives. */
class QlogTracerTest {
    private static final long MS = 1_000_000L;
    private static final long ORIGIN = 5_000 * MS;
    private static final Trace TRACE = new Trace("rudp client", VantagePoint.CLIENT, "192.0.2.1:40000 -> 192.0.2.2:4000",
        ORIGIN, 1_700_000_000_000L);

    @Test
    void theHeaderRecordNamesTheVersionFormatVantagePointAndTimeBase() {
        StringBuilder out = new StringBuilder();
        new QlogTracer(out, TRACE);
        assertEquals("\u001e{\"qlog_version\":\"0.3\",\"qlog_format\":\"JSON-SEQ\",\"title\":\"rudp client\",\"trace\":{"
            + "\"title\":\"rudp client\",\"vantage_point\":{\"name\":\"rudp client\",\"type\":\"client\"},\"common_fields\":{"
            + "\"protocol_type\":[\"RUDP\"],\"group_id\":\"192.0.2.1:40000 -> 192.0.2.2:4000\",\"time_format\":\"relative\","
            + "\"reference_time\":1700000000000}}}\n", out.toString());
        QlogSchema.check(out.toString());
    }

    @Test
    void anyLabelSurvivesTheRoundTripAndNoneCanSplitARecord() {
        String label = "quote\" backslash\\ newline\n tab\t rs\u001e nul\u0000 del\u007f é \uD83D\uDE00 lone\uD800 end";
        StringBuilder out = new StringBuilder();
        new QlogTracer(out, new Trace(label, VantagePoint.SERVER, label, 0, 0));
        QlogFile file = QlogSchema.check(out.toString());
        JsonNode trace = file.header().get("trace");
        assertEquals(label, trace.get("title").asText());
        assertEquals(trace.get("title").asText(), trace.get("common_fields").get("group_id").asText());
        assertEquals(1, out.chars().filter(c -> c == 0x1E).count(), "the label's RS is escaped: one record");
        assertFalse(out.toString().contains("\u0000"), "no raw control characters");
    }

    @Test
    void packetsBecomePacketSentAndReceivedWithRudpOffsetsAndMillisecondTimes() {
        StringBuilder out = new StringBuilder();
        QlogTracer tracer = new QlogTracer(out, TRACE);
        tracer.packetSent(ORIGIN, "SYN", 0, 1, false);
        tracer.packetReceived(ORIGIN + 40 * MS + 1_500, "SYN_ACK", 0, 1);
        tracer.packetSent(ORIGIN + 41 * MS, "DATA", 1, 1162, false);
        tracer.packetSent(ORIGIN + 250 * MS, "DATA", 1, 1162, true);
        assertEquals(List.of(
            "{\"time\":0,\"name\":\"transport:packet_sent\",\"data\":{\"header\":{\"packet_type\":\"syn\"},\"offset\":0,\"length\":1}}",
            "{\"time\":40.0015,\"name\":\"transport:packet_received\",\"data\":{\"header\":{\"packet_type\":\"syn_ack\"},"
                + "\"offset\":0,\"length\":1}}",
            "{\"time\":41,\"name\":\"transport:packet_sent\",\"data\":{\"header\":{\"packet_type\":\"data\"},\"offset\":1,"
                + "\"length\":1162}}",
            "{\"time\":250,\"name\":\"transport:packet_sent\",\"data\":{\"header\":{\"packet_type\":\"data\"},\"offset\":1,"
                + "\"length\":1162,\"trigger\":\"rudp:retransmit\"}}"), events(out));
    }

    @Test
    void lossesCarryQuicTriggersWhereTheyMeanTheSameAndRudpsOwnForANack() {
        StringBuilder out = new StringBuilder();
        QlogTracer tracer = new QlogTracer(out, TRACE);
        tracer.packetLost(ORIGIN + MS, 1, 1162, LossTrigger.RACK);
        tracer.packetLost(ORIGIN + MS, 1163, 1162, LossTrigger.DUP_THRESH);
        tracer.packetLost(ORIGIN + MS, 2325, 1162, LossTrigger.TIMEOUT);
        tracer.packetLost(ORIGIN + MS, 3487, 1162, LossTrigger.NACK);
        QlogFile file = QlogSchema.check(out.toString());
        assertEquals(List.of("time_threshold", "reordering_threshold", "pto_expired", "rudp:nack"),
            file.named("recovery:packet_lost").stream().map(e -> e.get("data").get("trigger").asText()).toList());
        assertEquals("{\"time\":1,\"name\":\"recovery:packet_lost\",\"data\":{\"offset\":1,\"length\":1162,"
            + "\"trigger\":\"time_threshold\"}}", events(out).getFirst());
    }

    @Test
    void metricsAreWrittenInQuicUnitsAndOnlyWhenTheyChange() {
        StringBuilder out = new StringBuilder();
        QlogTracer tracer = new QlogTracer(out, TRACE);
        tracer.metricsUpdated(ORIGIN, 12_000, 0, 0, 0);
        tracer.metricsUpdated(ORIGIN + MS, 12_000, 0, 0, 0);
        tracer.metricsUpdated(ORIGIN + 2 * MS, 13_162, 1162, 40_123_456, 1_000_000);
        tracer.metricsUpdated(ORIGIN + 3 * MS, 13_162, 2324, 40_123_456, 1_000_000);
        assertEquals(List.of(
            "{\"time\":0,\"name\":\"recovery:metrics_updated\",\"data\":{\"congestion_window\":12000,\"bytes_in_flight\":0}}",
            "{\"time\":2,\"name\":\"recovery:metrics_updated\",\"data\":{\"smoothed_rtt\":40.123456,\"congestion_window\":13162,"
                + "\"bytes_in_flight\":1162,\"pacing_rate\":8000000}}",
            "{\"time\":3,\"name\":\"recovery:metrics_updated\",\"data\":{\"bytes_in_flight\":2324}}"), events(out),
            "no RTT before the first sample, no pacing rate while not pacing, nothing that did not change; "
                + "RTT in milliseconds, pacing in bits per second");
        QlogSchema.check(out.toString());
    }

    @Test
    void eventsBeforeTheOriginHaveNegativeTimes() {
        StringBuilder out = new StringBuilder();
        new QlogTracer(out, TRACE).packetSent(ORIGIN - 1_000_001, "PROBE", 7, 0, false);
        assertEquals("{\"time\":-1.000001,\"name\":\"transport:packet_sent\",\"data\":{\"header\":{\"packet_type\":\"probe\"},"
            + "\"offset\":7,\"length\":0}}", events(out).getFirst());
    }

    @Test
    void aFailingOutputFailsTheCallNamingQlog() {
        Writer broken = new Writer() {
            @Override public void write(char[] b, int off, int len) throws IOException { throw new IOException("disk full"); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new QlogTracer(broken, TRACE));
        assertEquals("qlog output failed", e.getMessage());
    }

    /** The event records of a trace, without their framing. */
    private static List<String> events(CharSequence sqlog) {
        List<String> records = List.of(sqlog.toString().split("\u001e"));
        return records.subList(2, records.size()).stream().map(String::strip).toList();
    }
}
