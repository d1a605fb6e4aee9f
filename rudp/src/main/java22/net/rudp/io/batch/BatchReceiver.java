package net.rudp.io.batch;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketException;

/**
 * Fills an {@link IncomingBatch} with one {@code recvmmsg}: one message per slot, each a datagram
 * or, with UDP GRO on, a train of datagrams whose segment size the {@code UDP_GRO} control
 * message gives (the batch's cursor splits it). The slots' payload pointers are wired once;
 * a receive resets only the lengths the kernel overwrites.
 */
final class BatchReceiver {
    /** CMSG_SPACE(sizeof(int)): the UDP_GRO control message, the only one a receive asks for. */
    private static final long CONTROL_SPACE = MessageVector.controlSpace(Integer.BYTES);
    /** Pending-error reports one receive takes before it gives up for now (a flood of ICMP errors must not hold it). */
    private static final int MAX_ERROR_REPORTS = 8;

    private final LinuxCalls calls;
    private final int fd;
    private final IncomingBatch batch;
    private final MessageVector messages;
    private final SocketAddressCodec addresses;
    private final UdpCounters counters;
    private final Runnable onAsynchronousError;

    BatchReceiver(LinuxCalls calls, Arena arena, int fd, IncomingBatch batch, SocketAddressCodec addresses,
                  UdpCounters counters, Runnable onAsynchronousError) {
        this.calls = calls;
        this.fd = fd;
        this.batch = batch;
        this.addresses = addresses;
        this.counters = counters;
        this.onAsynchronousError = onAsynchronousError;
        int slots = Math.min(batch.capacity(), LinuxAbi.UIO_MAXIOV);
        this.messages = new MessageVector(arena, slots, addresses.size(), CONTROL_SPACE);
        long base = MemorySegment.ofBuffer(batch.buffer()).address();
        for (int i = 0; i < slots; i++) messages.setPayload(i, base + batch.slotOffset(i), batch.slotBytes());
    }

    /** Receives what is waiting, up to the batch's slots; returns the datagrams, trains split. */
    int receive() throws IOException {
        batch.reset();
        int n = receiveMessages();
        int datagrams = 0;
        for (int i = 0; i < n; i++) {
            int length = messages.messageLength(i);
            if (length > batch.maxMessageBytes() || (messages.flags(i) & LinuxAbi.MSG_TRUNC) != 0) {
                counters.datagramsOverlong++;
                continue;
            }
            long gro = messages.findControl(i, LinuxAbi.SOL_UDP, LinuxAbi.UDP_GRO);
            int segmentSize = gro < 0 ? length : messages.controls().get(JAVA_INT, gro);
            datagrams += batch.addMessage(i, length, segmentSize, addresses.read(messages.names(), messages.nameOffset(i)));
        }
        counters.messagesReceived += batch.messageCount();
        counters.datagramsReceived += datagrams;
        return datagrams;
    }

    /** One recvmmsg: how many slots it filled (0 if nothing was waiting). */
    private int receiveMessages() throws IOException {
        for (int i = 0; i < messages.count(); i++) {
            messages.setNameLength(i, addresses.size());
            messages.setControlLength(i, CONTROL_SPACE);
        }
        int reports = 0;
        while (true) {
            counters.receiveCalls++;
            int n = calls.recvmmsg(fd, messages.from(0), messages.count(), LinuxAbi.MSG_DONTWAIT);
            if (n >= 0) return n;
            int errno = calls.errno();
            if (errno == LinuxAbi.EAGAIN) return 0;
            if (errno == LinuxAbi.EINTR) continue;
            if (LinuxAbi.isAsynchronousError(errno)) {
                // The socket's pending ICMP error, returned (and cleared) by this call: its details are in the error queue.
                onAsynchronousError.run();
                if (++reports < MAX_ERROR_REPORTS) continue;
                return 0; // errors keep arriving: take the datagrams on the next receive
            }
            throw new SocketException("recvmmsg: " + LinuxCalls.describe(errno));
        }
    }
}
