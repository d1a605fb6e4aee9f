package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.BindException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.util.Map;
import net.rudp.io.DatagramErrors.Kind;
import org.junit.jupiter.api.Test;

class DatagramErrorsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theJdksExceptionsMapToTheirKinds() {
        // As sun.nio.ch reports errno on Linux: an exception class for some, the strerror text for the rest.
        assertEquals(Kind.PORT_UNREACHABLE, DatagramErrors.classify(new PortUnreachableException()));
        assertEquals(Kind.UNREACHABLE, DatagramErrors.classify(new NoRouteToHostException("No route to host")));
        assertEquals(Kind.UNREACHABLE, DatagramErrors.classify(new SocketException("Network is unreachable")));
        assertEquals(Kind.NO_BUFFER_SPACE, DatagramErrors.classify(new SocketException("No buffer space available")));
        assertEquals(Kind.MESSAGE_TOO_LONG, DatagramErrors.classify(new IOException("Message too long")));
        assertEquals(Kind.NOT_PERMITTED, DatagramErrors.classify(new SocketException("Operation not permitted")));
        assertEquals(Kind.NOT_PERMITTED, DatagramErrors.classify(new BindException("Permission denied")));
        assertEquals(Kind.OTHER, DatagramErrors.classify(new IOException("Bad file descriptor")));
        assertEquals(Kind.OTHER, DatagramErrors.classify(new IOException()));
    }

    @Test
    void everyErrorIsCountedButEachKindWarnsOncePerInterval() {
        DatagramErrors errors = new DatagramErrors(10 * SECOND);
        assertEquals("no route to the peer", errors.record(Kind.UNREACHABLE, 0));
        assertNull(errors.record(Kind.UNREACHABLE, SECOND));
        assertNull(errors.record(Kind.UNREACHABLE, 2 * SECOND));
        assertNotNull(errors.record(Kind.NO_BUFFER_SPACE, 3 * SECOND), "another kind has its own interval");
        assertEquals("no route to the peer (2 more since the last warning, 4 in all)", errors.record(Kind.UNREACHABLE, 10 * SECOND));
        assertNull(errors.record(Kind.UNREACHABLE, 11 * SECOND));
        assertEquals(5, errors.count(Kind.UNREACHABLE));
        assertEquals(1, errors.count(Kind.NO_BUFFER_SPACE));
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
