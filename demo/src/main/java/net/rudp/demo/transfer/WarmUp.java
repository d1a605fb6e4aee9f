package net.rudp.demo.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import net.rudp.demo.DemoException;
import net.rudp.demo.transport.Transport;

/**
 * Runs a bulk transfer over a transport inside this process, on the loopback interface, so that
 * the JIT compiler has compiled the transport's and the transfer's code before a measured
 * transfer starts, and makes the first calls into the C library (CPU clock, {@code tcp_info}).
 * Without it a fresh JVM spends its first half second or so interpreting rudp's stack (kernel
 * TCP needs no warming), its first CPU clock reading takes about 0.1 s (the FFM linker starting
 * up: a receiver not reading meanwhile stalls TCP), and a short transfer would measure that.
 */
public final class WarmUp {
    /** Enough for the hot paths of sending, receiving, acknowledging and verifying to be compiled. */
    public static final long BYTES = 32L << 20;

    private WarmUp() {}

    /** {@link #run}, failing as a command fails (one line saying why) if the transfer on loopback does. */
    public static void orFail(Transport transport) {
        try {
            run(transport);
        } catch (IOException e) {
            throw DemoException.failure("warming up " + transport.name() + " on loopback failed: " + e.getMessage(), e);
        }
    }

    /** Sends {@link #BYTES} to itself over {@code transport}. */
    public static void run(Transport transport) throws IOException {
        InetSocketAddress anyPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        PatternStream pattern = new PatternStream(0);
        try (ServerSocket listener = transport.listen(anyPort, 1)) {
            Thread receiver = Thread.ofPlatform().name("warm-up-receiver").start(() -> {
                try (Socket conn = transport.accept(listener)) {
                    BulkTransfer.awaitEnd(conn, BulkTransfer.receive(conn, BYTES, pattern, bytes -> {}));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            InetSocketAddress local = (InetSocketAddress) listener.getLocalSocketAddress();
            try (Socket conn = transport.connect(local, Duration.ofSeconds(10))) {
                BulkTransfer.send(conn, BYTES, pattern);
                transport.stats(conn);
            }
            CpuClock.processCpuNanos();
            receiver.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while warming up", e);
        }
    }
}
