package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import net.rudp.ConnectionConfig;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.trace.QlogSchema;
import net.rudp.trace.QlogSchema.QlogFile;
import net.rudp.trace.QlogTracer;
import net.rudp.trace.QlogTracer.Trace;
import net.rudp.trace.QlogTracer.VantagePoint;
import org.junit.jupiter.api.Test;

/** The qlog of a lossy simulated transfer passes the schema checks and tells what happened, in qlog's units. */
class QlogTraceOfATransferTest {
    private static final long MS = 1_000_000L;

    @Test
    void aLossyTransfersQlogPassesTheSchemaAndMatchesTheConnectionsCounters() {
        ImpairmentProfile lossy = ImpairmentProfile.NONE.withDelay(20 * MS, 0).withLoss(0.05);
        Transfer t = new Transfer(new Transfer.Spec(300_000, 0, 65536, 65536, 0), ConnectionConfig.DEFAULT, lossy,
            ImpairmentProfile.NONE.withDelay(20 * MS, 0), 3, null);
        StringBuilder sqlog = new StringBuilder();
        String label = "client \"" + Transfer.CLIENT + "\" -> " + Transfer.SERVER;
        t.clientApp.connection().setTracer(new QlogTracer(sqlog, new Trace("rudp client", VantagePoint.CLIENT, label,
            t.net.now(), 1_700_000_000_000L)));
        t.run(600 * 1_000 * MS);
        assertTrue(t.finished());

        QlogFile file = QlogSchema.check(sqlog.toString());
        assertEquals(label, file.header().get("trace").get("common_fields").get("group_id").asText());
        List<JsonNode> dataSent = file.named("transport:packet_sent").stream()
            .filter(e -> e.get("data").get("header").get("packet_type").asText().equals("data")).toList();
        assertTrue(dataSent.size() >= 300_000 / 1162, "every data packet is traced: " + dataSent.size());
        long lost = file.named("recovery:packet_lost").size();
        assertTrue(lost > 0, "5% loss shows up as packet_lost events");
        assertEquals(t.clientApp.connection().stats().packetsLost(), lost);
        long retransmitted = dataSent.stream().filter(e -> e.get("data").path("trigger").asText().equals("rudp:retransmit")).count();
        assertTrue(retransmitted >= lost - 1, "what was lost was sent again: " + retransmitted + " of " + lost);
        List<Double> srtts = file.named("recovery:metrics_updated").stream().map(e -> e.get("data").get("smoothed_rtt"))
            .filter(v -> v != null).map(JsonNode::asDouble).toList();
        assertTrue(!srtts.isEmpty() && srtts.stream().allMatch(ms -> ms > 35 && ms < 400),
            "a 40 ms path's smoothed RTT, in milliseconds: " + srtts);
        double last = file.events().getLast().get("time").asDouble();
        assertTrue(last > 40 && last < 600_000, "event times are milliseconds since the trace's origin: " + last);
    }
}
