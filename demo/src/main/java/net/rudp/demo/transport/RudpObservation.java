package net.rudp.demo.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.rudp.api.RudpSocket;
import net.rudp.capture.CaptureFile;
import net.rudp.trace.QlogTracer;

/**
 * What one rudp endpoint of the demo writes besides its transfer: a pcapng capture of its
 * datagrams (the socket option, bounded as {@link CaptureFile#at} bounds it) and a qlog trace of
 * its connection, each only if a path is given.
 *
 * @param capture where the endpoint's capture goes
 * @param qlog    where its connection's qlog goes
 */
public record RudpObservation(Optional<Path> capture, Optional<Path> qlog) {

    /** Neither. */
    public static final RudpObservation NONE = new RudpObservation(Optional.empty(), Optional.empty());

    /** The capture option's value, or null for none. */
    CaptureFile captureFile() {
        return capture.map(CaptureFile::at).orElse(null);
    }

    /**
     * Starts the qlog trace of {@code socket}'s connection, if asked for. The trace ends, and its
     * file is closed, when this JVM exits: compare's endpoint processes exit after their one
     * transfer, and the tracer is detached first, so nothing is written after the close.
     *
     * @param vantagePoint which end {@code socket} is
     */
    void startQlog(RudpSocket socket, QlogTracer.VantagePoint vantagePoint) throws IOException {
        if (qlog.isEmpty()) {
            return;
        }
        Writer out = Files.newBufferedWriter(qlog.get());
        String title = "rudp " + vantagePoint.name().toLowerCase(java.util.Locale.ROOT);
        socket.setTracer(new QlogTracer(out, new QlogTracer.Trace(title, vantagePoint, socket.toString(),
            RudpSocket.clockNanos(), System.currentTimeMillis())));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                socket.setTracer(null);
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing the qlog " + qlog.get(), e);
            }
        }, "qlog-close"));
    }
}
