package net.rudp.attack;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap in use after a full collection, as the JVM reports it ({@link MemoryMXBean}): the live
 * data, which is what an attacker inflates. The server runs in the test's JVM, so this is the
 * server's heap plus the test's (small) own.
 */
final class HeapGauge {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapGauge() {}

    /** Bytes of heap live after a collection. */
    static long liveBytes() {
        for (int i = 0; i < 2; i++) MEMORY.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Bytes in use now, without collecting (cheap; includes garbage). */
    static long usedBytes() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static long maxBytes() {
        return MEMORY.getHeapMemoryUsage().getMax();
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
