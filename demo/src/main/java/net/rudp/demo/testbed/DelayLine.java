package net.rudp.demo.testbed;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.rudp.capture.DatagramCapture;
import net.rudp.demo.linux.Libc;
import net.rudp.impair.ImpairedLink;
import net.rudp.impair.LinkStats;

/**
 * One direction of the emulated link: a reader thread takes each IP packet from the {@code from}
 * TUN device and offers it to the {@link ImpairedLink} (the project's impairment model, the same
 * as the simulator's and the UDP relay's); a writer thread sleeps until the link's next delivery
 * time and then writes what is due to the {@code to} TUN device.
 *
 * <p>The writer sleeps with {@link LockSupport#parkNanos} to the exact due time (not a periodic
 * tick, which would round every delay up to the tick); a packet due earlier than the writer's
 * wake-up time unparks it. How late deliveries actually were is kept in a
 * {@link LatenessHistogram}: that is the emulator's timing error.
 *
 * <p>With a capture, the reader writes every packet it takes, as the sending host sent it
 * (before the link's loss or delay), to a pcapng file: the one place TCP's packets can be seen.
 */
final class DelayLine implements AutoCloseable {
    /** Longest wait for a packet or a due time before checking whether to stop. */
    private static final int POLL_MILLIS = 100;
    private static final long MAX_PARK_NANOS = POLL_MILLIS * 1_000_000L;
    private static final int MAX_PACKET = 65_536;
    private static final long WRITER_TIMER_SLACK_NANOS = 1_000;

    private final String name;
    private final TunDevice from;
    private final TunDevice to;
    private final ImpairedLink link;
    /** Where the reader writes each packet it takes, or null. */
    private final DatagramCapture capture;
    /** Guards {@link #link}, which is not thread-safe. */
    private final ReentrantLock linkLock = new ReentrantLock();
    private final LatenessHistogram lateness = new LatenessHistogram();
    private final AtomicLong largestPacket = new AtomicLong();
    private volatile boolean running = true;
    /** When the writer will wake up by itself; the reader unparks it for anything due earlier. */
    private volatile long writerWakesAt = Long.MAX_VALUE;
    private volatile IOException failure;
    private final Thread reader;
    private final Thread writer;

    /** One direction's counters so far: the link model's, and the largest packet it was offered. */
    record Counters(String direction, LinkStats link, long largestPacket, LatenessHistogram lateness) {}

    /** @param capture where the reader writes each packet it takes (null: nowhere); shared by both directions */
    DelayLine(String name, TunDevice from, TunDevice to, ImpairedLink link, DatagramCapture capture) {
        this.name = name;
        this.from = from;
        this.to = to;
        this.link = link;
        this.capture = capture;
        this.writer = Thread.ofPlatform().daemon().name("link-" + name + "-writer").unstarted(this::writeLoop);
        this.reader = Thread.ofPlatform().daemon().name("link-" + name + "-reader").unstarted(this::readLoop);
        writer.start();
        reader.start();
    }

    private void readLoop() {
        try (Libc libc = new Libc(); Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(MAX_PACKET);
            while (running) {
                int n = from.read(libc, buffer, POLL_MILLIS);
                if (n == 0) {
                    continue;
                }
                largestPacket.accumulateAndGet(n, Math::max);
                if (capture != null) {
                    capture.ipPacket(buffer.asSlice(0, n).asByteBuffer(), ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
                }
                long next;
                linkLock.lock();
                try {
                    link.offer(System.nanoTime(), buffer.asSlice(0, n).asByteBuffer()); // copies the packet
                    next = link.nextDeliveryNanos();
                } finally {
                    linkLock.unlock();
                }
                if (next < writerWakesAt) {
                    LockSupport.unpark(writer);
                }
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void writeLoop() {
        try (Libc libc = new Libc(); Arena arena = Arena.ofConfined()) {
            // Without this the kernel may end each sleep up to 50 us late, on top of wake-up latency.
            libc.setTimerSlackNanos(WRITER_TIMER_SLACK_NANOS);
            MemorySegment buffer = arena.allocate(MAX_PACKET);
            IOException[] writeFailure = {null};
            ImpairedLink.Receiver out = (ByteBuffer packet, long tag) -> {
                int length = packet.remaining();
                MemorySegment.copy(MemorySegment.ofBuffer(packet), 0, buffer, 0, length);
                try {
                    to.write(libc, buffer, length);
                } catch (IOException e) {
                    writeFailure[0] = e;
                }
            };
            while (running && writeFailure[0] == null) {
                linkLock.lock();
                try {
                    long due = link.nextDeliveryNanos();
                    long now = System.nanoTime();
                    if (due <= now) {
                        lateness.record(now - due);
                        link.poll(now, out);
                        continue;
                    }
                    // Publish the wake-up time while holding the lock: a reader that offers a packet
                    // after this sees it and unparks us if its packet is due sooner.
                    writerWakesAt = due;
                } finally {
                    linkLock.unlock();
                }
                long now = System.nanoTime();
                LockSupport.parkNanos(Math.min(writerWakesAt - now, MAX_PARK_NANOS));
                writerWakesAt = Long.MAX_VALUE;
            }
            if (writeFailure[0] != null) {
                fail(writeFailure[0]);
            }
        }
    }

    private void fail(IOException e) {
        if (running) {
            failure = e;
            running = false;
        }
    }

    /** The first I/O error that stopped this direction, or null. */
    IOException failure() {
        return failure;
    }

    Counters counters() {
        linkLock.lock();
        try {
            return new Counters(name, link.stats(), largestPacket.get(), lateness);
        } finally {
            linkLock.unlock();
        }
    }

    /** Stops both threads (within one poll interval) and waits for them. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(writer);
        try {
            reader.join();
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
