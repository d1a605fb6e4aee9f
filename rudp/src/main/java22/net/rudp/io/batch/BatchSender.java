package net.rudp.io.batch;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an {@link OutgoingBatch} with as few system calls as the kernel allows: each run of
 * same-size datagrams to one destination becomes one message with a {@code UDP_SEGMENT} control
 * message (GSO: the kernel cuts it into the datagrams, late, in one pass down the stack), and
 * the messages leave together in {@code sendmmsg} calls.
 *
 * <p>If the kernel refuses a GSO message (EIO: a device or route, such as IPsec, that cannot
 * segment; EINVAL: a segment larger than the route's MTU, or checksums turned off), GSO is
 * turned off for this socket and the rest of the batch, that run included, goes as single
 * datagrams; logged once per JVM.
 */
final class BatchSender {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);
    /**
     * The most payload one GSO message may carry: the IPv4 total length (65,535) less the IPv4
     * and UDP headers; IPv6 allows 20 bytes more, ignored for one rule for both.
     */
    static final int MAX_GSO_BYTES = 65_507;
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private final LinuxCalls calls;
    private final int fd;
    private final InetSocketAddress localAddress;
    private final OutgoingBatch batch;
    /** The batch's buffer as native memory: payload pointers are its address plus an offset. */
    private final long batchAddress;
    private final MessageVector messages;
    private final SocketAddressCodec addresses;
    private final UdpCounters counters;
    /** Called when a send reports an ICMP error that came for an earlier datagram. */
    private final Runnable onAsynchronousError;
    /** Per message of the current call: the datagrams it carries, [runStart, runEnd). */
    private final int[] runStart;
    private final int[] runEnd;
    private boolean segmentation;
    private boolean connected;
    private boolean refusalLogged;

    BatchSender(LinuxCalls calls, Arena arena, int fd, InetSocketAddress localAddress, OutgoingBatch batch,
                SocketAddressCodec addresses, UdpCounters counters, boolean segmentation, Runnable onAsynchronousError) {
        this.calls = calls;
        this.fd = fd;
        this.localAddress = localAddress;
        this.batch = batch;
        this.batchAddress = MemorySegment.ofBuffer(batch.buffer()).address();
        this.addresses = addresses;
        this.counters = counters;
        this.segmentation = segmentation;
        this.onAsynchronousError = onAsynchronousError;
        int capacity = Math.min(batch.capacityDatagrams(), LinuxAbi.UIO_MAXIOV);
        this.messages = new MessageVector(arena, capacity, addresses.size(), MessageVector.controlSpace(Short.BYTES));
        this.runStart = new int[capacity];
        this.runEnd = new int[capacity];
    }

    boolean segmentation() {
        return segmentation;
    }

    /** From now on messages carry no address: the socket is connected. */
    void connected() {
        connected = true;
    }

    /** Sends the whole batch and empties it; returns the datagrams the kernel took. */
    int send() {
        long before = counters.datagramsSent;
        try {
            for (int next = 0; next < batch.size(); ) next = sendFrom(next);
        } finally {
            batch.clear();
        }
        return (int) (counters.datagramsSent - before);
    }

    /**
     * Builds messages from datagram {@code first} on, as many as the vector holds, and sends them.
     * Returns the first datagram not dealt with: past the messages built, or, if the kernel
     * refused GSO, the refused run's first datagram (GSO is then off, so the next call sends it
     * as single datagrams).
     */
    private int sendFrom(int first) {
        int built = 0;
        int next = first;
        while (next < batch.size() && built < messages.count()) {
            int end = segmentation ? batch.runEnd(next, LinuxAbi.UDP_MAX_SEGMENTS, MAX_GSO_BYTES) : next + 1;
            if (prepare(built, next, end)) {
                runStart[built] = next;
                runEnd[built] = end;
                built++;
            } else {
                counters.datagramsRefused += end - next;
                logRefusal(batch.destination(next), "this socket cannot reach that address family");
            }
            next = end;
        }
        int refusedRun = transmit(built);
        return refusedRun < 0 ? next : runStart[refusedRun];
    }

    /** Fills message {@code m} with datagrams [start, end); false if the destination cannot be written. */
    private boolean prepare(int m, int start, int end) {
        int last = end - 1;
        long offset = batch.offset(start);
        messages.setPayload(m, batchAddress + offset, batch.offset(last) + batch.length(last) - offset);
        if (connected) {
            messages.setNameLength(m, 0);
        } else {
            int length = addresses.write(batch.destination(start), messages.names(), messages.nameOffset(m));
            if (length < 0) return false;
            messages.setNameLength(m, length);
        }
        if (end - start > 1) {
            messages.putShortControl(m, LinuxAbi.SOL_UDP, LinuxAbi.UDP_SEGMENT, (short) batch.length(start));
        } else {
            messages.setControlLength(m, 0);
        }
        return true;
    }

    /** Sends messages [0, count); returns -1, or the message whose GSO the kernel refused (the rest unsent). */
    private int transmit(int count) {
        boolean retried = false;
        for (int m = 0; m < count; ) {
            counters.sendCalls++;
            int n = calls.sendmmsg(fd, messages.from(m), count - m, 0);
            if (n > 0) {
                for (int i = m; i < m + n; i++) counters.datagramsSent += runEnd[i] - runStart[i];
                counters.messagesSent += n;
                m += n;
                retried = false;
                continue;
            }
            int errno = calls.errno();
            if (errno == LinuxAbi.EINTR) continue;
            if (errno == LinuxAbi.EAGAIN) {
                for (int i = m; i < count; i++) counters.datagramsDropped += runEnd[i] - runStart[i];
                return -1;
            }
            if (LinuxAbi.isAsynchronousError(errno) && !retried) {
                // Most likely an ICMP error about an earlier datagram, which this call reported and cleared.
                onAsynchronousError.run();
                retried = true;
                continue;
            }
            if (runEnd[m] - runStart[m] > 1 && (errno == LinuxAbi.EIO || errno == LinuxAbi.EINVAL)) {
                segmentationRefused(m, errno);
                return m;
            }
            counters.datagramsRefused += runEnd[m] - runStart[m];
            // EMSGSIZE: a path MTU probe above the link's MTU (Don't Fragment is set); expected, so not logged.
            if (errno != LinuxAbi.EMSGSIZE) logRefusal(batch.destination(runStart[m]), LinuxCalls.describe(errno));
            m++;
            retried = false;
        }
        return -1;
    }

    private void segmentationRefused(int m, int errno) {
        segmentation = false;
        counters.segmentationFallbacks++;
        if (FALLBACK_LOGGED.compareAndSet(false, true)) {
            LOG.warn("UDP GSO refused by the kernel for {} -> {} ({}): that socket sends single datagrams from now on"
                + " (logged once)", localAddress, batch.destination(runStart[m]), LinuxCalls.describe(errno));
        }
    }

    private void logRefusal(InetSocketAddress to, String why) {
        if (!refusalLogged) {
            refusalLogged = true;
            LOG.warn("UDP {}: a send to {} failed (logged once per socket): {}", localAddress, to, why);
        }
    }
}
