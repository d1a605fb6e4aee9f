package net.rudp.sim;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.function.Function;

/**
 * A callback for every datagram event on a {@link SimNetwork}, for debugging a failing seed
 * ({@code network.setTrace(SimTrace.printing(System.err))}) or recording a trace.
 */
@FunctionalInterface
public interface SimTrace {
    /**
     * One event. {@code datagram} is valid only during the call (its position and limit are
     * restored afterwards); for a delivered copy it holds the bytes as they arrived.
     */
    void event(long nowNanos, SimEvent event, InetSocketAddress from, InetSocketAddress to, ByteBuffer datagram);

    /** Prints one line per event: time in ms, event, from, to, length. */
    static SimTrace printing(PrintStream out) {
        return printing(out, d -> d.remaining() + " bytes");
    }

    /** Prints one line per event, describing each datagram with {@code describe} (a packet decoder, say). */
    static SimTrace printing(PrintStream out, Function<ByteBuffer, String> describe) {
        return (now, event, from, to, datagram) -> out.printf(Locale.ROOT, "%14.6f ms %-15s %s -> %s %s%n",
            now / 1e6, event, from, to, describe.apply(datagram));
    }
}
