package net.rudp.core;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import net.rudp.ConnectionState;

/**
 * A scripted application on one side of a simulated connection: writes its payload in random
 * chunks as the send buffer takes it, half-closes, reads in random chunks (optionally stalling
 * its reads for a while, to close the window), and closes once the peer has finished too.
 */
final class StreamApp implements SimApp {
    private final byte[] toSend;
    private final SplittableRandom random;
    private final int writeChunkMax;
    private final int readChunkMax;
    private final long stallUntil;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Connection connection;
    private int written;
    private boolean outputShut;
    private boolean endOfStream;
    private boolean closed;

    StreamApp(byte[] toSend, long seed, int writeChunkMax, int readChunkMax, long stallUntilNanos) {
        this.toSend = toSend;
        this.random = new SplittableRandom(seed);
        this.writeChunkMax = writeChunkMax;
        this.readChunkMax = readChunkMax;
        this.stallUntil = stallUntilNanos;
    }

    @Override
    public void attach(Connection c) {
        this.connection = c;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    /** Does whatever the application can do now. */
    @Override
    public void step(long now) {
        Connection c = connection;
        if (c == null || c.error() != null || c.state() == ConnectionState.CALL_SENT || c.state() == ConnectionState.CALL_RECEIVED) {
            return;
        }
        while (written < toSend.length && !closed) {
            int n = Math.min(1 + random.nextInt(writeChunkMax), toSend.length - written);
            int took = c.write(ByteBuffer.wrap(toSend, written, n));
            written += took;
            if (took < n) break;
        }
        if (written == toSend.length && !outputShut) {
            c.shutdownOutput();
            outputShut = true;
        }
        if (now >= stallUntil) {
            while (!endOfStream) {
                ByteBuffer buf = ByteBuffer.allocate(1 + random.nextInt(readChunkMax));
                int r = c.read(buf);
                if (r > 0) received.write(buf.array(), 0, r);
                else if (r < 0) endOfStream = true;
                else break;
            }
        }
        if (endOfStream && outputShut && !closed) {
            c.close();
            closed = true;
        }
    }

    /** When this application wants to run again by itself (its reads resume), or {@code Long.MAX_VALUE}. */
    @Override
    public long wakeUp(long now) {
        return connection != null && now < stallUntil ? stallUntil : Long.MAX_VALUE;
    }

    boolean isDone() {
        return closed && connection.state() == ConnectionState.CLOSED;
    }

    byte[] received() {
        return received.toByteArray();
    }

    int written() {
        return written;
    }
}
