package net.rudp.io.batch;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The datagrams a {@link BatchedUdpSocket} sends with its next {@link BatchedUdpSocket#send()}:
 * written back to back into one direct buffer the socket owns, each with its destination.
 *
 * <p>A caller encodes a datagram in place: {@link #begin} hands out the batch's buffer with its
 * position at the new datagram's first byte and its limit {@code maxLength} bytes later; the
 * caller writes (relative puts), then {@link #commit} takes the bytes up to the buffer's position
 * as the datagram. {@link #add} copies a finished datagram instead. Nothing is allocated per
 * datagram; the buffer object {@link #begin} returns is the same every time.
 *
 * <p>Because datagrams lie back to back, a run of same-size datagrams to one destination is one
 * contiguous range: what UDP GSO sends as one message ({@link #runEnd}).
 */
public final class OutgoingBatch {
    private final ByteBuffer buffer;
    /** What {@link #begin} returns: a view whose position and limit only the caller moves. */
    private final ByteBuffer view;
    private final int[] offsets;
    private final int[] lengths;
    private final InetSocketAddress[] destinations;
    private int count;
    private int end;
    /** Where the datagram {@link #begin} started lies, or -1 while none is open. */
    private int openStart = -1;
    private InetSocketAddress openDestination;
    /** The only destination allowed once the socket is connected, else null. */
    private InetSocketAddress connectedPeer;

    OutgoingBatch(int maxDatagrams, int capacityBytes) {
        buffer = ByteBuffer.allocateDirect(capacityBytes);
        view = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        offsets = new int[maxDatagrams];
        lengths = new int[maxDatagrams];
        destinations = new InetSocketAddress[maxDatagrams];
    }

    /**
     * Opens a datagram to {@code to} of at most {@code maxLength} bytes: returns the batch's
     * buffer, positioned at the datagram's first byte with its limit {@code maxLength} bytes on,
     * or null if the batch has no room for it (send first).
     *
     * @throws IllegalArgumentException if {@code to} is unresolved, or not the peer of a connected socket
     * @throws IllegalStateException if a datagram is already open
     */
    public ByteBuffer begin(InetSocketAddress to, int maxLength) {
        checkDestination(to);
        if (openStart >= 0) throw new IllegalStateException("commit() the open datagram before begin() opens another");
        if (maxLength < 0 || maxLength > UdpSocketConfig.MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("a UDP datagram holds 0 to " + UdpSocketConfig.MAX_UDP_PAYLOAD + " bytes: " + maxLength);
        }
        if (count == offsets.length || buffer.capacity() - end < maxLength) return null;
        openStart = end;
        openDestination = to;
        view.clear().position(end).limit(end + maxLength);
        return view;
    }

    /**
     * Ends the open datagram: its bytes are those from where {@link #begin} put the position up
     * to the buffer's position now.
     *
     * @throws IllegalStateException if no datagram is open, or the position moved outside it
     */
    public void commit() {
        if (openStart < 0) throw new IllegalStateException("commit() without begin()");
        int position = view.position();
        if (position < openStart || position > view.limit()) {
            throw new IllegalStateException("the datagram must end between where begin() started it (" + openStart
                + ") and the limit it set (" + view.limit() + "): the position is " + position);
        }
        append(openDestination, openStart, position - openStart);
        openStart = -1;
        openDestination = null;
    }

    /**
     * Forgets the open datagram, if any (its encoder failed half-way): the batch is as before
     * {@link #begin}.
     */
    public void discardOpen() {
        openStart = -1;
        openDestination = null;
    }

    /** Whether {@code buffer} is the one {@link #begin} hands out, with a datagram open in it. */
    public boolean isOpenIn(ByteBuffer buffer) {
        return openStart >= 0 && buffer == view;
    }

    /**
     * Copies {@code datagram}'s remaining bytes as one datagram to {@code to}, leaving its position
     * at its limit; false (and nothing copied) if the batch has no room.
     */
    public boolean add(InetSocketAddress to, ByteBuffer datagram) {
        ByteBuffer into = begin(to, datagram.remaining());
        if (into == null) return false;
        into.put(datagram);
        commit();
        return true;
    }

    private void checkDestination(InetSocketAddress to) {
        Objects.requireNonNull(to, "destination");
        if (to.isUnresolved()) throw new IllegalArgumentException("cannot send to an unresolved address: " + to);
        if (connectedPeer != null && !connectedPeer.equals(to)) {
            throw new IllegalArgumentException("a socket connected to " + connectedPeer + " sends only there, not to " + to);
        }
    }

    private void append(InetSocketAddress to, int offset, int length) {
        offsets[count] = offset;
        lengths[count] = length;
        destinations[count] = to;
        count++;
        end = offset + length;
    }

    /** How many datagrams are queued. */
    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Forgets every queued datagram (and an open one). */
    public void clear() {
        Arrays.fill(destinations, 0, count, null);
        count = 0;
        end = 0;
        discardOpen();
    }

    // ---------------------------------------------------------------- for the socket implementations

    /** The whole batch; implementations read datagram {@code i} at {@link #offset}. */
    ByteBuffer buffer() {
        return buffer;
    }

    int capacityDatagrams() {
        return offsets.length;
    }

    int offset(int i) {
        return offsets[i];
    }

    int length(int i) {
        return lengths[i];
    }

    InetSocketAddress destination(int i) {
        return destinations[i];
    }

    void connectTo(InetSocketAddress peer) {
        connectedPeer = peer;
    }

    /**
     * Where the GSO run that starts at datagram {@code start} ends (exclusive): the datagrams after
     * it to the same destination with the same length, the last of them allowed to be shorter,
     * at most {@code maxSegments} of them and {@code maxBytes} in all. A run of one is a plain
     * datagram. Empty datagrams never join a run (a segment size of 0 means nothing to the kernel).
     */
    int runEnd(int start, int maxSegments, int maxBytes) {
        int size = lengths[start];
        InetSocketAddress to = destinations[start];
        int total = size;
        int next = start + 1;
        if (size == 0) return next;
        while (next < count && next - start < maxSegments) {
            int length = lengths[next];
            if (length == 0 || length > size || total + length > maxBytes) break;
            InetSocketAddress other = destinations[next];
            if (other != to && !other.equals(to)) break;
            total += length;
            next++;
            if (length < size) break; // a shorter segment must be the last
        }
        return next;
    }
}
