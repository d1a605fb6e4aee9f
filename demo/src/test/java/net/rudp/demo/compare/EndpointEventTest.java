package net.rudp.demo.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.rudp.demo.transfer.Verdict;
import net.rudp.demo.transport.TransportStats;
import org.junit.jupiter.api.Test;

class EndpointEventTest {

    @Test
    void everyEventSurvivesItsJsonLine() {
        List<EndpointEvent> events = List.of(
            new EndpointEvent.Listening(40001),
            new EndpointEvent.Progress(100_000_000, 12345),
            new EndpointEvent.Received(new Verdict(1000, -1), 5_000_000, 3_000_000),
            new EndpointEvent.Sent(new Verdict(1000, 17), 6_000_000, 4_000_000,
                Optional.of(new TransportStats("cubic", OptionalLong.of(3), OptionalLong.empty(), "somewhere"))),
            new EndpointEvent.Sent(new Verdict(1000, -1), 6_000_000, 4_000_000, Optional.empty()),
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
