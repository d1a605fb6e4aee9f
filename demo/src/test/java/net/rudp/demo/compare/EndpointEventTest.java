package net.rudp.demo.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import net.rudp.demo.transfer.Verdict;
import net.rudp.demo.transport.TransportStats;
import org.junit.jupiter.api.Test;

class EndpointEventTest {
    private static final String SHA = "ab".repeat(32);
    private static final TransportStats STATS = new TransportStats("cubic", 21_000_000, 20_000_000, 150_000, 1_100_000, 12_000);

    @Test
    void everyEventSurvivesItsJsonLine() {
        List<EndpointEvent> events = List.of(
            new EndpointEvent.Listening(40001),
            new EndpointEvent.Progress(100_000_000, 12345),
            new EndpointEvent.Window(200_000_000, STATS),
            new EndpointEvent.Received(new Verdict(1000, -1, SHA), 5_000_000, 3_000_000),
            new EndpointEvent.Ready(),
            new EndpointEvent.Sent(1000, new Verdict(1000, 17, SHA), 6_000_000, 4_000_000, Optional.of(STATS)),
            new EndpointEvent.Sent(800, new Verdict(800, -1, SHA), 6_000_000, 4_000_000, Optional.empty()),
            new EndpointEvent.Failed("cannot listen on 1.2.3.4:5: \"in use\""));
        for (EndpointEvent event : events) {
            assertEquals(event, EndpointEvent.parse(event.toJson()));
        }
    }

    @Test
    void theLineFormatIsStable() {
        assertEquals("{\"event\":\"progress\",\"elapsed_ns\":100,\"bytes\":5}", new EndpointEvent.Progress(100, 5).toJson());
    }

    @Test
    void otherLinesAreRefused() {
        assertEquals("not an endpoint event (event is null): {\"port\":1}",
            assertThrows(IllegalArgumentException.class, () -> EndpointEvent.parse("{\"port\":1}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> EndpointEvent.parse("{\"event\":\"listening\"}"));
    }
}
