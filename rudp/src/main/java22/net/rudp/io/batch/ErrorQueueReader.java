package net.rudp.io.batch;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.net.InetSocketAddress;

/**
 * Reads the socket's error queue ({@code recvmsg(MSG_ERRQUEUE)}, filled because the socket set
 * {@code IP_RECVERR}/{@code IPV6_RECVERR}): each entry is an ICMP error (or a local one) about a
 * datagram this socket sent, with that datagram's destination as the message's address. So an
 * unconnected socket learns which peer's port is unreachable, as a connected one learns of its
 * only peer's.
 */
final class ErrorQueueReader {
    // struct sock_extended_err { __u32 ee_errno; __u8 ee_origin; __u8 ee_type; __u8 ee_code; __u8 ee_pad;
    //                            __u32 ee_info; __u32 ee_data; }, then the offender's address   <linux/errqueue.h>
    private static final long EE_ERRNO = 0;
    private static final long EE_INFO = 8;
    private static final long SOCK_EXTENDED_ERR_SIZE = 16;
    /** Room for the error and an IPv6 offender (CMSG_SPACE(16 + 28) = 64), twice over. */
    private static final long CONTROL_SPACE = 2 * MessageVector.controlSpace(SOCK_EXTENDED_ERR_SIZE + SocketAddressCodec.SOCKADDR_IN6_SIZE);

    private final LinuxCalls calls;
    private final int fd;
    private final SocketAddressCodec addresses;
    /** One message; its payload (a copy of the datagram that failed) is not wanted: an iovec of 0 bytes. */
    private final MessageVector message;

    ErrorQueueReader(LinuxCalls calls, Arena arena, int fd, SocketAddressCodec addresses) {
        this.calls = calls;
        this.fd = fd;
        this.addresses = addresses;
        this.message = new MessageVector(arena, 1, addresses.size(), CONTROL_SPACE);
        message.setPayload(0, 0, 0);
    }

    /** Moves every queued error into {@code into}; returns how many. */
    int drainInto(DeliveryErrors into) {
        int read = 0;
        while (true) {
            message.setNameLength(0, addresses.size());
            message.setControlLength(0, CONTROL_SPACE);
            if (calls.recvmsg(fd, message.from(0), LinuxAbi.MSG_ERRQUEUE | LinuxAbi.MSG_DONTWAIT) < 0) {
                return read; // EAGAIN: the queue is empty
            }
            long error = message.findControl(0, LinuxAbi.SOL_IPV6, LinuxAbi.IPV6_RECVERR);
            if (error < 0) error = message.findControl(0, LinuxAbi.SOL_IP, LinuxAbi.IP_RECVERR);
            if (error < 0) continue; // not an error report: nothing to tell
            int errno = message.controls().get(JAVA_INT, error + EE_ERRNO);
            int info = message.controls().get(JAVA_INT, error + EE_INFO);
            InetSocketAddress destination = addresses.decode(message.names(), message.nameOffset(0));
            DeliveryError.Kind kind = LinuxAbi.kindOf(errno);
            into.add(destination, kind, kind == DeliveryError.Kind.MESSAGE_TOO_BIG ? info : 0);
            read++;
        }
    }
}
