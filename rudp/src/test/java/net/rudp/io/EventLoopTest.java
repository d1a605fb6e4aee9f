package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import net.rudp.io.batch.BatchedUdpSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventLoopTest {

    private final EndpointLock lock = new EndpointLock();
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<Thread> loopThread = new AtomicReference<>();
    private volatile boolean heldEveryTime = true;
    private volatile boolean retire;
    private EventLoop loop;
    private BatchedUdpSocket socket;

    @Test
    void aRequestWakesASleepingLoopAndRetiringEndsIt() throws Exception {
        Thread thread = start("rudp-test-request", () -> Long.MAX_VALUE); // sleeps until asked
        awaitWakeUps(1);
        lock.run(loop::requestWakeUp);
        awaitWakeUps(2);
        retire = true;
        lock.run(loop::requestWakeUp);
        thread.join();
        assertEquals(3, wakeUps.get());
        assertTrue(heldEveryTime, "every wake-up ran inside the lock");
        assertEquals(null, failure.get());
    }

    @AfterEach
    void closeTheSocket() throws IOException {
        if (socket != null) socket.close();
    }

    @Test
    void aThreadServesASleepingLoopWhichWakesOnlyIfItsDeadlineMovedCloser() throws Exception {
        Thread thread = start("rudp-test-serve", () -> Long.MAX_VALUE);
        awaitWakeUps(1);
        while (!lock.call(loop::serveWhileAsleep)) Thread.onSpinWait(); // bounded by @Timeout: the loop goes to sleep
        assertFalse(lock.call(loop::serveWhileAsleep), "one thread serves at a time");
        lock.run(() -> loop.served(Long.MAX_VALUE));
        assertTrue(lock.call(loop::serveWhileAsleep), "the loop still sleeps: its deadline did not move");
        lock.run(loop::requestWakeUp); // a request while served: held until served
        assertEquals(1, wakeUps.get());
        lock.run(() -> loop.served(Long.MAX_VALUE));
        awaitWakeUps(2);
        retire = true;
        lock.run(loop::requestWakeUp);
        thread.join();
    }

    @Test
    void aDeadlineWakesTheLoopWithoutARequest() throws Exception {
        Thread thread = start("rudp-test-deadline", () -> EventLoop.now() + 1_000_000L);
        awaitWakeUps(5);
        retire = true;
        thread.join();
        assertTrue(heldEveryTime);
    }

    @Test
    void aFailingWakeUpIsHandedToTheWorkUnderTheLockAndEndsTheLoop() throws Exception {
        IOException broken = new IOException("broken");
        Thread thread = start("rudp-test-failure", () -> {
            throw new java.io.UncheckedIOException(broken);
        });
        thread.join();
        assertSame(broken, failure.get().getCause());
        assertTrue(heldEveryTime);
    }

    private Thread start(String name, LongSupplier deadline) throws IOException {
        socket = EndpointSockets.bound(Loopback.ANY_PORT);
        loop = new EventLoop(name, lock, socket, new EventLoop.Work() {
            @Override
            public long wakeUp() throws IOException {
                loopThread.compareAndSet(null, Thread.currentThread());
                heldEveryTime &= lock.isHeldByCurrentThread();
                // Read before counting: a test that sees the count and then sets retire means the next
                // wake-up (a full verify once saw this wake-up read it and retire one early).
                boolean retiring = retire;
                wakeUps.incrementAndGet();
                if (!retiring) return deadline.getAsLong();
                socket.close();
                return EventLoop.RETIRE;
            }

            @Override
            public void failed(Throwable t) {
                heldEveryTime &= lock.isHeldByCurrentThread();
                failure.set(t);
            }
        });
        loop.start();
        while (loopThread.get() == null) Thread.onSpinWait(); // bounded by @Timeout
        Thread thread = loopThread.get();
        assertEquals(name, thread.getName());
        assertTrue(thread.isDaemon());
        assertFalse(thread.isVirtual());
        return thread;
    }

    private void awaitWakeUps(int n) {
        while (wakeUps.get() < n) Thread.onSpinWait(); // bounded by @Timeout
    }
}
