package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import net.rudp.io.DatagramErrors.Kind;
import net.rudp.io.batch.DeliveryError;
import org.junit.jupiter.api.Test;

class DatagramErrorsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theSocketsDeliveryErrorsMapToTheirKinds() {
        assertEquals(Kind.PORT_UNREACHABLE, Kind.of(DeliveryError.Kind.PORT_UNREACHABLE));
        assertEquals(Kind.UNREACHABLE, Kind.of(DeliveryError.Kind.HOST_UNREACHABLE));
        assertEquals(Kind.UNREACHABLE, Kind.of(DeliveryError.Kind.NETWORK_UNREACHABLE));
        assertEquals(Kind.MESSAGE_TOO_LONG, Kind.of(DeliveryError.Kind.MESSAGE_TOO_BIG));
        assertEquals(Kind.OTHER, Kind.of(DeliveryError.Kind.OTHER));
    }

    @Test
    void everyErrorIsCountedButEachKindWarnsOncePerInterval() {
        DatagramErrors errors = new DatagramErrors(10 * SECOND);
        assertEquals("no route to the peer", errors.record(Kind.UNREACHABLE, 0));
        assertNull(errors.record(Kind.UNREACHABLE, SECOND));
        assertNull(errors.record(Kind.UNREACHABLE, 2 * SECOND));
        assertNotNull(errors.record(Kind.REFUSED, 3 * SECOND), "another kind has its own interval");
        assertEquals("no route to the peer (2 more since the last warning, 4 in all)", errors.record(Kind.UNREACHABLE, 10 * SECOND));
        assertNull(errors.record(Kind.UNREACHABLE, 11 * SECOND));
        assertEquals(5, errors.count(Kind.UNREACHABLE));
        assertEquals(1, errors.count(Kind.REFUSED));
    }

    @Test
    void aFullSendBufferAndARefusalAreCountedButNeverWarned() {
        DatagramErrors errors = new DatagramErrors(10 * SECOND);
        for (int i = 0; i < 3; i++) {
            assertNull(errors.record(Kind.SEND_BUFFER_FULL, i * 20 * SECOND));
            assertNull(errors.record(Kind.PORT_UNREACHABLE, i * 20 * SECOND));
        }
        Map<Kind, Long> counts = errors.counts();
        assertEquals(3L, counts.get(Kind.SEND_BUFFER_FULL));
        assertEquals(3L, counts.get(Kind.PORT_UNREACHABLE));
        assertEquals(0L, counts.get(Kind.OTHER), "every kind is listed, with zero where none happened");
        assertEquals(Kind.values().length, counts.size());
    }
}
