package net.rudp.demo.transfer;

import java.lang.management.ManagementFactory;
import net.rudp.demo.linux.Libc;

/**
 * CPU time this JVM process has used (user + system, all threads: the transfer's own, plus GC
 * and JIT). Kernel work done in softirq context (e.g. TCP receive processing) is charged to
 * whichever process happened to run, so it is only partly included.
 *
 * <p>On Linux it reads {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}, precise to the
 * nanosecond; the JDK's {@code OperatingSystemMXBean} there counts in 10 ms ticks, too coarse
 * for a transfer of a few hundred milliseconds. Elsewhere it falls back to the MXBean.
 */
public final class CpuClock {
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final boolean LINUX = System.getProperty("os.name").equals("Linux");

    private CpuClock() {}

    /** Process CPU time in nanoseconds, or -1 if the platform does not tell. */
    public static long processCpuNanos() {
        if (LINUX) {
            try (Libc libc = new Libc()) {
                return libc.processCpuNanos();
            }
        }
        return OS.getProcessCpuTime();
    }
}
