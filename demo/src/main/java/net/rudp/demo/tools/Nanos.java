package net.rudp.demo.tools;

import java.time.Duration;
import net.rudp.demo.Units;

/** Times in nanoseconds, printed for people ({@code 61.2 us}, {@code 812 ms}). */
final class Nanos {
    private Nanos() {}

    static String format(long nanos) {
        return Units.formatDuration(Duration.ofNanos(nanos));
    }
}
