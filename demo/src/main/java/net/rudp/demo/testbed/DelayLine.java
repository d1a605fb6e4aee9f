package net.rudp.demo.testbed;

import java.io.IOException;
import net.rudp.demo.linux.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of the emulated link: a reader thread takes each IP packet from the {@code from}
 * TUN device and offers it to the {@link PacketLink}; a writer thread sleeps until the link's
 * next delivery time and then writes what is due to the {@code to} TUN device.
 *
 * <p>The writer sleeps with {@link LockSupport#parkNanos} to the exact due time (not a periodic
 * tick, which would round every delay up to the tick); a packet due earlier than the writer's
 * wake-up time unparks it. How late deliveries actually were is kept in a
 * {@link LatenessHistogram}: that is the emulator's timing error.
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
    private final PacketLink link;
    private final ReentrantLock linkLock = new ReentrantLock();
    private final LatenessHistogram lateness = new LatenessHistogram();
    private final AtomicLong packetsIn = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong packetsOut = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong largestPacket = new AtomicLong();
    private volatile boolean running = true;
    /** When the writer will wake up by itself; the reader unparks it for anything due earlier. */
    private volatile long writerWakesAt = Long.MAX_VALUE;
    private volatile IOException failure;
    private final Thread reader;
    private final Thread writer;

    /** Counters of one direction so far. */
    record Counters(String direction, long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                    long largestPacket, LatenessHistogram lateness) {}

    DelayLine(String name, TunDevice from, TunDevice to, PacketLink link) {
        this.name = name;
        this.from = from;
        this.to = to;
        this.link = link;
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
                byte[] packet = buffer.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                packetsIn.incrementAndGet();
                bytesIn.addAndGet(n);
                largestPacket.accumulateAndGet(n, Math::max);
                long next;
                linkLock.lock();
                try {
                    link.offer(System.nanoTime(), packet, n);
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
            PacketLink.PacketConsumer out = (packet, length) -> {
                MemorySegment.copy(packet, 0, buffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, length);
                try {
                    to.write(libc, buffer, length);
                    packetsOut.incrementAndGet();
                    bytesOut.addAndGet(length);
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
        return new Counters(name, packetsIn.get(), bytesIn.get(), packetsOut.get(), bytesOut.get(), largestPacket.get(), lateness);
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
