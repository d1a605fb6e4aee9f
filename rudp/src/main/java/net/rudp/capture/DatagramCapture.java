package net.rudp.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes the datagrams an endpoint sends and receives to pcapng files, one call per datagram:
 * {@link #sent} and {@link #received} take the UDP payload, the two socket addresses and a
 * timestamp in microseconds since the epoch that the caller reads (the capture reads no clock), so
 * a user opens the result in Wireshark and sees each datagram as IP/UDP/rudp.
 *
 * <p><b>Size.</b> With {@link CaptureLimits#UNLIMITED} the capture is one file at the path given.
 * With rotation it is a ring of files named as Wireshark's own ring buffer names them
 * ({@code <stem>_<NNNNN>_<yyyyMMddHHmmss>.pcapng}, the time of the file's first packet, UTC), so
 * Wireshark's "File Set" dialog lists them; when a file would pass {@code maxFileBytes} the next
 * one begins, and beyond {@code maxFiles} the oldest is deleted.
 *
 * <p><b>Threads.</b> Every method is synchronized: the endpoint's loop thread writes, and
 * {@link #close} may come from another thread. Output is buffered; {@link #flush} pushes it to the
 * file, so a long-running writer calls it now and then (a driver when its loop goes idle) and a
 * crash loses little.
 */
public final class DatagramCapture implements Closeable {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final String APPLICATION = "rudp (net.rudp.capture)";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Path path;
    private final CaptureLimits limits;
    private final String interfaceName;
    private final Deque<Path> files = new ArrayDeque<>();
    private PcapngWriter current;
    private int fileNumber;
    /** The bytes of the current file's section and interface headers: a file with no more holds no packet. */
    private long headerBytes;
    private boolean closed;

    private DatagramCapture(Path path, CaptureLimits limits, String interfaceName) {
        this.path = path;
        this.limits = limits;
        this.interfaceName = interfaceName;
    }

    /**
     * Opens a capture at {@code path}. Without rotation the file is created (replacing one that
     * exists) at once; with rotation each file is created at its first packet, in {@code path}'s
     * directory, named after {@code path}'s file name without its extension.
     *
     * @param path          the file, or with rotation the name its files are derived from
     * @param limits        how much may be written
     * @param interfaceName what the capture's interface is called in Wireshark, e.g. "rudp 0.0.0.0:9000"
     * @return the open capture
     * @throws IOException if the file cannot be created, or the rotation directory is not writable
     */
    public static DatagramCapture open(Path path, CaptureLimits limits, String interfaceName) throws IOException {
        DatagramCapture capture = new DatagramCapture(path, limits, interfaceName);
        if (limits.rotates()) {
            Path directory = path.toAbsolutePath().getParent();
            if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
                throw new IOException("capture directory " + directory + " is not a writable directory");
            }
        } else {
            capture.startFile(path);
        }
        return capture;
    }

    /**
     * A datagram this endpoint sent from {@code from} (its own address) to {@code to}.
     *
     * @param from            the sender's address (this endpoint's)
     * @param to              the receiver's address
     * @param datagram        the UDP payload, from its position to its limit (left unchanged)
     * @param timestampMicros when, in microseconds since 1970
     * @throws IOException if writing fails, or the capture is closed
     */
    public synchronized void sent(InetSocketAddress from, InetSocketAddress to, ByteBuffer datagram, long timestampMicros)
            throws IOException {
        write(from, to, datagram, timestampMicros, PcapngWriter.OUTBOUND);
    }

    /**
     * A datagram this endpoint received from {@code from} at {@code to} (its own address).
     *
     * @param from            the sender's address
     * @param to              the receiver's address (this endpoint's)
     * @param datagram        the UDP payload, from its position to its limit (left unchanged)
     * @param timestampMicros when, in microseconds since 1970
     * @throws IOException if writing fails, or the capture is closed
     */
    public synchronized void received(InetSocketAddress from, InetSocketAddress to, ByteBuffer datagram, long timestampMicros)
            throws IOException {
        write(from, to, datagram, timestampMicros, PcapngWriter.INBOUND);
    }

    /**
     * A whole IPv4 or IPv6 packet seen on a link (a TUN device's read), with no direction: for a
     * link emulator, which sees both hosts' packets, TCP's included.
     *
     * @param packet          the IP packet, from its position to its limit (left unchanged)
     * @param timestampMicros when, in microseconds since 1970
     * @throws IOException if writing fails, or the capture is closed
     */
    public synchronized void ipPacket(ByteBuffer packet, long timestampMicros) throws IOException {
        beginBlock(PcapngWriter.ipPacketBlockBytes(packet.remaining()), timestampMicros);
        current.ipPacket(packet, timestampMicros, 0);
    }

    /**
     * Pushes buffered packets to the current file.
     *
     * @throws IOException if writing fails
     */
    public synchronized void flush() throws IOException {
        if (current != null) current.flush();
    }

    /** Flushes and closes the current file; later calls to {@link #sent} or {@link #received} fail. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (current != null) current.close();
        current = null;
    }

    private void write(InetSocketAddress from, InetSocketAddress to, ByteBuffer datagram, long timestampMicros, int direction)
            throws IOException {
        beginBlock(PcapngWriter.packetBlockBytes(from, to, datagram.remaining()), timestampMicros);
        current.packet(from, to, datagram, timestampMicros, direction);
    }

    /** Checks that a block of {@code blockBytes} may be written, and rotates first if it must. */
    private void beginBlock(int blockBytes, long timestampMicros) throws IOException {
        if (closed) throw new IOException("capture " + path + " is closed");
        if (timestampMicros < 0) throw new IllegalArgumentException("timestamp before 1970: " + timestampMicros);
        if (limits.rotates() && (current == null || fileIsFull(blockBytes))) rotate(timestampMicros);
    }

    /** Whether the next block would push a file that already holds packets past the size limit. */
    private boolean fileIsFull(int blockBytes) {
        return current.bytesWritten() + blockBytes > limits.maxFileBytes() && current.bytesWritten() > headerBytes;
    }

    private void rotate(long timestampMicros) throws IOException {
        if (current != null) current.close();
        current = null;
        fileNumber++;
        String stem = stem(path.getFileName().toString());
        Instant firstPacket = Instant.EPOCH.plus(timestampMicros, ChronoUnit.MICROS);
        startFile(path.resolveSibling(String.format("%s_%05d_%s.pcapng", stem, fileNumber, FILE_TIME.format(firstPacket))));
        while (files.size() > limits.maxFiles()) {
            Files.deleteIfExists(files.removeFirst());
        }
    }

    private void startFile(Path file) throws IOException {
        current = new PcapngWriter(new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES), APPLICATION, interfaceName);
        headerBytes = current.bytesWritten();
        files.addLast(file);
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
