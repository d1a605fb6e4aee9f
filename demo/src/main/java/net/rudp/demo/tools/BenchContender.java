package net.rudp.demo.tools;

import java.io.IOException;
import java.time.Duration;

/** Something {@code bench} measures: it moves a payload from a fresh sender to a fresh receiver on loopback. */
sealed interface BenchContender permits UdpBlast, StreamBlast, ParallelBlast {

    /** The row label, e.g. {@code tcp}. */
    String name();

    /** How the bytes are cut into packets, e.g. {@code 1200 B datagrams}. */
    String packets();

    /**
     * Moves {@code payload} bytes once, on threads of this process, and measures it.
     *
     * @param timeout give up (failing) after this long
     */
    BenchResult run(long payload, Duration timeout) throws IOException, InterruptedException;
}
