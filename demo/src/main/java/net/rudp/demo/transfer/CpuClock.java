package net.rudp.demo.transfer;

import java.lang.management.ManagementFactory;

/**
 * CPU time this JVM process has used (user + system, all threads: the transfer's own, plus GC
 * and JIT). Kernel work done in softirq context (e.g. TCP receive processing) is charged to
 * whichever process happened to run, so it is only partly included.
 */
public final class CpuClock {
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CpuClock() {}

    /** Process CPU time in nanoseconds, or -1 if the platform does not tell. */
    public static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }
}
