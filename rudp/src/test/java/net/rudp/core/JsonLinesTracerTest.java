package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.rudp.ConnectionConfig;
import net.rudp.JsonLinesTracer;
import net.rudp.impair.ImpairmentProfile;
import org.junit.jupiter.api.Test;

/** The trace a lossy transfer leaves: what a person plotting it would rely on. */
class JsonLinesTracerTest {
    private static final long MS = 1_000_000L;

    @Test
    void aLossyTransferTracesSendsLossesRetransmissionsAndWindowChanges() {
        ImpairmentProfile lossy = ImpairmentProfile.NONE.withDelay(20 * MS, 0).withLoss(0.05);
        Transfer t = new Transfer(new Transfer.Spec(300_000, 0, 65536, 65536, 0), ConnectionConfig.DEFAULT, lossy,
            ImpairmentProfile.NONE.withDelay(20 * MS, 0), 3, null);
        StringBuilder trace = new StringBuilder();
        t.clientApp.connection().setTracer(new JsonLinesTracer(trace, "client"));
        t.run(600 * 1_000 * MS);
        assertTrue(t.finished());

        List<String> lines = Arrays.asList(trace.toString().split("\n"));
        assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"t\":") && l.endsWith("}") && l.contains("\"conn\":\"client\"")),
            "every line is one JSON object");
        long dataSent = lines.stream().filter(l -> l.contains("\"ev\":\"sent\"") && l.contains("\"type\":\"DATA\"")).count();
        long lost = lines.stream().filter(l -> l.contains("\"ev\":\"lost\"")).count();
        long retransmitted = lines.stream().filter(l -> l.contains("\"rtx\":true")).count();
        assertTrue(dataSent >= 300_000 / 1162, "every data packet is traced: " + dataSent);
        assertTrue(lost > 0, "5% loss shows up as lost events");
        assertTrue(retransmitted >= lost - 1, "what was lost was sent again");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"ev\":\"metrics\"") && l.contains("\"cwnd\":")));
        assertEquals(t.clientApp.connection().stats().packetsLost(), lost);
    }
}
