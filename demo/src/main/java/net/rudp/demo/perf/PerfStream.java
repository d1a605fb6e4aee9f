package net.rudp.demo.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Optional;
import net.rudp.demo.transport.Transport;
import net.rudp.demo.transport.TransportStats;

/**
 * One data connection of a test, from this end: it sends (blocks until the time or its bytes are
 * up, at the target rate, then end of stream) or receives (until end of stream). Its counters
 * may be read from any thread while it runs.
 */
final class PerfStream {
    private final int id;
    private final boolean sender;
    private final Transport transport;
    private final Socket conn;
    private final TestSpec spec;
    private volatile long bytes;
    private volatile long endNanos;

    PerfStream(int id, boolean sender, Transport transport, Socket conn, TestSpec spec) {
        this.id = id;
        this.sender = sender;
        this.transport = transport;
        this.conn = conn;
        this.spec = spec;
    }

    int id() {
        return id;
    }

    boolean sender() {
        return sender;
    }

    /** Bytes sent (written to the transport) or received so far. */
    long bytes() {
        return bytes;
    }

    /** When this stream stopped sending, or saw the end of the peer's; 0 while running. */
    long endNanos() {
        return endNanos;
    }

    /** The connection's counters now (the sender's congestion window, RTT, retransmissions). */
    Optional<TransportStats> stats() {
        return transport.stats(conn);
    }

    Socket conn() {
        return conn;
    }

    /** Sends or receives until done; {@code startNanos} is the test's start, when the server said "start". */
    void run(long startNanos) throws IOException {
        if (sender) {
            send(startNanos);
        } else {
            receive();
        }
        endNanos = System.nanoTime();
    }

    private void send(long startNanos) throws IOException {
        byte[] block = new byte[spec.blockSize()];
        OutputStream out = conn.getOutputStream();
        RatePacer pacer = new RatePacer(spec.bitrate(), startNanos);
        long budget = spec.bytesFor(id);
        long deadline = spec.bytes() > 0 ? Long.MAX_VALUE : startNanos + spec.duration().toNanos();
        long sent = 0;
        while (spec.bytes() > 0 ? sent < budget : System.nanoTime() < deadline) {
            if (!pacer.awaitTurn(sent, deadline)) {
                break;
            }
            int n = (int) (spec.bytes() > 0 ? Math.min(block.length, budget - sent) : block.length);
            out.write(block, 0, n);
            sent += n;
            bytes = sent;
        }
        out.flush();
        conn.shutdownOutput();
    }

    private void receive() throws IOException {
        byte[] buffer = new byte[Math.max(64 * 1024, spec.blockSize())];
        InputStream in = conn.getInputStream();
        long received = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            received += n;
            bytes = received;
        }
    }
}
