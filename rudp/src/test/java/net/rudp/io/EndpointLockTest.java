package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class EndpointLockTest {

    private final EndpointLock lock = new EndpointLock();

    @Test
    void aSectionRunsHoldingTheLockAndReturnsItsValue() {
        assertEquals("held", lock.call(() -> lock.isHeldByCurrentThread() ? "held" : "not held"));
        assertFalse(lock.isHeldByCurrentThread(), "released after the section");
        boolean[] ran = new boolean[1];
        lock.run(() -> ran[0] = lock.isHeldByCurrentThread());
        assertTrue(ran[0]);
        assertFalse(lock.isHeldByCurrentThread());
    }

    @Test
    void aCheckedExceptionPassesThroughUnchangedAndTheLockIsReleased() {
        SocketException thrown = new SocketException("Socket closed");
        IOException e = assertThrows(IOException.class, () -> lock.<Void, IOException>call(() -> {
            throw thrown;
        }));
        assertSame(thrown, e);
        assertFalse(lock.isHeldByCurrentThread());
        assertThrows(IllegalStateException.class, () -> lock.run(() -> {
            throw new IllegalStateException("a bug");
        }));
        assertFalse(lock.isHeldByCurrentThread());
    }

    @Test
    void anotherThreadWaitsUntilTheSectionEnds() throws Exception {
        boolean[] otherGotIn = new boolean[1];
        Thread other = Thread.ofVirtual().unstarted(() -> lock.run(() -> otherGotIn[0] = true));
        lock.run(() -> {
            other.start();
            while (other.getState() != Thread.State.WAITING) Thread.onSpinWait(); // it waits for the lock
            assertFalse(otherGotIn[0]);
        });
        other.join();
        assertTrue(otherGotIn[0]);
    }
}
