package net.rudp.io.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link UseCount}: a closed resource is released once, by the last use to leave. */
class UseCountTest {
    private final AtomicInteger releases = new AtomicInteger();
    private final UseCount use = new UseCount(releases::incrementAndGet);

    @Test
    void closingInsideTheOnlyUseReleasesWhenItEnds() {
        assertTrue(use.enter());
        assertTrue(use.markClosed());
        assertEquals(0, releases.get(), "still in use");
        use.exit();
        assertEquals(1, releases.get());
        assertFalse(use.enter(), "closed: no new use");
    }

    @Test
    void theLastOfSeveralUsesReleasesAndOnlyOnce() {
        assertTrue(use.enter()); // a thread waiting
        assertTrue(use.enter()); // the closing thread
        assertTrue(use.markClosed());
        assertFalse(use.markClosed(), "closing again does nothing");
        use.exit();
        assertEquals(0, releases.get(), "the waiter is still inside");
        use.exit();
        assertEquals(1, releases.get());
        assertTrue(use.isClosed());
    }

    @Test
    void usesWithoutCloseReleaseNothing() {
        for (int i = 0; i < 3; i++) {
            assertTrue(use.enter());
            use.exit();
        }
        assertEquals(0, releases.get());
        assertFalse(use.isClosed());
    }
}
