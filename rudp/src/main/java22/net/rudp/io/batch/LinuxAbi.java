package net.rudp.io.batch;

/**
 * The Linux numbers the fast path hands the kernel, each named as in the header that defines it;
 * the same on x86-64 and AArch64 (the asm-generic values), checked there with a C program printing
 * the headers' values.
 */
final class LinuxAbi {
    private LinuxAbi() {}

    // <bits/socket.h>, <linux/socket.h>: address families
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    // <linux/net.h> SOCK_DGRAM; <asm-generic/fcntl.h> O_NONBLOCK / O_CLOEXEC, which SOCK_NONBLOCK / SOCK_CLOEXEC equal
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    // <linux/in.h>, <linux/in6.h>: protocol levels for setsockopt
    static final int SOL_IP = 0;
    static final int SOL_IPV6 = 41;
    /** IPPROTO_UDP: <linux/udp.h> options are set at this level. */
    static final int SOL_UDP = 17;
    // <asm-generic/socket.h>
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_REUSEPORT = 15;

    // <linux/udp.h> (uapi)
    /** Set the GSO segment size: a socket option, or a per-message control message carrying a u16. */
    static final int UDP_SEGMENT = 103;
    /** Receive GRO trains; each comes with a control message carrying the segment size as an int. */
    static final int UDP_GRO = 104;
    /** include/linux/udp.h UDP_MAX_SEGMENTS: segments per GSO message; 64 (recent kernels allow 128), which every kernel with GSO takes. */
    static final int UDP_MAX_SEGMENTS = 64;

    /** <linux/uio.h>: the most messages one sendmmsg/recvmmsg takes. */
    static final int UIO_MAXIOV = 1024;

    // <linux/in.h> IP_RECVERR, <linux/in6.h> IPV6_RECVERR and IPV6_V6ONLY
    static final int IP_RECVERR = 11;
    static final int IPV6_RECVERR = 25;
    static final int IPV6_V6ONLY = 26;
    /** <linux/in.h> IP_MTU_DISCOVER, <linux/in6.h> IPV6_MTU_DISCOVER: with PMTUDISC_DO, Don't Fragment is set and a send above the path MTU fails with EMSGSIZE. */
    static final int IP_MTU_DISCOVER = 10;
    static final int IPV6_MTU_DISCOVER = 23;
    /** IP_PMTUDISC_DO and IPV6_PMTUDISC_DO: never fragment locally, set DF. */
    static final int PMTUDISC_DO = 2;

    // <linux/socket.h> message flags
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_ERRQUEUE = 0x2000;

    // <asm-generic/poll.h>
    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;

    // <sys/eventfd.h>: as O_NONBLOCK and O_CLOEXEC
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    // <asm-generic/errno-base.h>, <asm-generic/errno.h>
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;
    static final int EINVAL = 22;
    static final int EMSGSIZE = 90;
    static final int EADDRINUSE = 98;
    static final int EADDRNOTAVAIL = 99;
    static final int ENETUNREACH = 101;
    static final int ECONNREFUSED = 111;
    static final int EHOSTUNREACH = 113;

    /**
     * Whether a failed send or receive reports an ICMP error that arrived for an earlier datagram
     * (the socket's pending error, which the call returned and cleared), not a failure of this call.
     */
    static boolean isAsynchronousError(int errno) {
        return errno == ECONNREFUSED || errno == EHOSTUNREACH || errno == ENETUNREACH;
    }

    /** What a delivery error's errno means to the caller. */
    static DeliveryError.Kind kindOf(int errno) {
        return switch (errno) {
            case ECONNREFUSED -> DeliveryError.Kind.PORT_UNREACHABLE;
            case EHOSTUNREACH -> DeliveryError.Kind.HOST_UNREACHABLE;
            case ENETUNREACH -> DeliveryError.Kind.NETWORK_UNREACHABLE;
            case EMSGSIZE -> DeliveryError.Kind.MESSAGE_TOO_BIG;
            default -> DeliveryError.Kind.OTHER;
        };
    }
}
