package net.rudp.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.rudp.capture.CaptureFile;
import net.rudp.capture.DatagramCapture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DatagramTap} of an endpoint with a capture: writes each datagram to a
 * {@link DatagramCapture} between the endpoint's address and the peer's. A capture that fails
 * (a full disk) is logged once and closed; the endpoint goes on without it.
 *
 * <p>Timestamps are the loop's clock moved to the epoch by one reading of the wall clock when
 * the capture opens, so they are monotonic and in step with the endpoint's own notion of time.
 */
final class CaptureTap implements DatagramTap {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureTap.class);

    private final DatagramCapture capture;
    private final InetSocketAddress local;
    private final String name;
    /** Microseconds since 1970 at the loop's time 0. */
    private final long epochMicrosAtOrigin;
    private boolean unflushed;
    private boolean failed;

    private CaptureTap(DatagramCapture capture, InetSocketAddress local, String name) {
        this.capture = capture;
        this.local = local;
        this.name = name;
        this.epochMicrosAtOrigin = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - EventLoop.now() / 1_000;
    }

    /**
     * Opens the capture {@code file} for the endpoint bound to {@code local}.
     *
     * @throws IOException if the file cannot be created
     */
    static CaptureTap open(CaptureFile file, InetSocketAddress local) throws IOException {
        String name = "rudp " + local;
        return new CaptureTap(DatagramCapture.open(file.path(), file.limits(), name), local, file.path().toString());
    }

    @Override
    public void sent(InetSocketAddress to, ByteBuffer datagram) {
        write(true, to, datagram);
    }

    @Override
    public void received(InetSocketAddress from, ByteBuffer datagram) {
        write(false, from, datagram);
    }

    @Override
    public void flush() {
        if (failed || !unflushed) return;
        try {
            capture.flush();
            unflushed = false;
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void close() {
        try {
            capture.close();
        } catch (IOException e) {
            if (!failed) LOG.warn("rudp endpoint {}: closing the capture {} failed", local, name, e);
        }
    }

    private void write(boolean sent, InetSocketAddress peer, ByteBuffer datagram) {
        if (failed) return;
        try {
            if (sent) capture.sent(local, peer, datagram, nowMicros());
            else capture.received(peer, local, datagram, nowMicros());
            unflushed = true;
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private long nowMicros() {
        return epochMicrosAtOrigin + EventLoop.now() / 1_000;
    }

    private void fail(Exception e) {
        failed = true;
        LOG.warn("rudp endpoint {}: writing the capture {} failed; the endpoint goes on without it", local, name, e);
        close();
    }
}
