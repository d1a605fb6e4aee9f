package net.rudp.io.batch;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.UnsupportedAddressTypeException;

/**
 * The fast path: a UDP socket this class opens and owns through the Foreign Function &amp; Memory
 * API, sending with {@code sendmmsg} and GSO ({@link BatchSender}), receiving with
 * {@code recvmmsg} and GRO ({@link BatchReceiver}), waiting in {@code ppoll} ({@link Poller}),
 * and reading ICMP errors from its error queue ({@link ErrorQueueReader}).
 *
 * <p>The socket is bound as {@link java.nio.channels.DatagramChannel} binds: dual-stack IPv6
 * (IPv4 peers appear as {@link java.net.Inet4Address}es) unless the JVM prefers IPv4, no
 * {@code SO_REUSEADDR} ({@code SO_REUSEPORT} only when opened to share its port), non-blocking,
 * close-on-exec. Its descriptors and native memory are released once the last call in progress
 * returns after {@link #close} ({@link UseCount}).
 */
final class LinuxUdpSocket extends SocketCore implements RawSocketOptions {
    private final Arena arena;
    private final LinuxCalls calls;
    private final int fd;
    private final UseCount use;
    private final MemorySegment scratch;
    private final SocketAddressCodec addresses;
    private final boolean receiveTrains;
    private final boolean errorQueueOn;
    private final Poller poller;
    private final ErrorQueueReader errorQueue;
    private final BatchSender sender;
    private final BatchReceiver receiver;
    /** The last wait saw POLLERR: the next receive reads the error queue first (volatile: a send on another thread may clear it). */
    private volatile boolean errorQueued;

    private LinuxUdpSocket(Arena arena, LinuxCalls calls, int fd, SocketAddressCodec addresses, InetSocketAddress localAddress,
                           boolean receiveTrains, boolean errorQueueOn, UdpSocketConfig config, boolean segmentation)
        throws IOException {
        super(localAddress, config);
        this.arena = arena;
        this.calls = calls;
        this.fd = fd;
        this.receiveTrains = receiveTrains;
        this.errorQueueOn = errorQueueOn;
        this.scratch = arena.allocate(SocketAddressCodec.SOCKADDR_IN6_SIZE + 8L, 8);
        this.addresses = addresses;
        this.poller = new Poller(calls, arena, fd);
        this.errorQueue = new ErrorQueueReader(calls, arena, fd, addresses);
        this.sender = new BatchSender(calls, arena, fd, localAddress, outgoing, addresses, counters, segmentation, this::readErrorQueue);
        this.receiver = new BatchReceiver(calls, arena, fd, incoming, addresses, counters, this::readErrorQueue);
        this.use = new UseCount(this::release);
    }

    /**
     * Opens, configures and binds a socket of {@code family}, using of what {@code kernel} offers
     * what {@code config} allows; with {@code sharePort}, {@code SO_REUSEPORT} lets other such
     * sockets bind the same address.
     */
    static LinuxUdpSocket open(InetSocketAddress local, UdpSocketConfig config, UdpOffloads kernel, int family,
                               boolean sharePort) throws IOException {
        Arena arena = Arena.ofShared();
        LinuxCalls calls = new LinuxCalls(arena);
        int fd = calls.socket(family, LinuxAbi.SOCK_DGRAM | LinuxAbi.SOCK_NONBLOCK | LinuxAbi.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            arena.close();
            throw new SocketException("socket: " + LinuxCalls.describe(calls.errno()));
        }
        try {
            MemorySegment value = arena.allocate(JAVA_INT);
            setInt(calls, fd, value, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_SNDBUF, config.sendBufferBytes(), "SO_SNDBUF");
            setInt(calls, fd, value, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_RCVBUF, config.receiveBufferBytes(), "SO_RCVBUF");
            if (family == LinuxAbi.AF_INET6) setInt(calls, fd, value, LinuxAbi.SOL_IPV6, LinuxAbi.IPV6_V6ONLY, 0, "IPV6_V6ONLY");
            if (sharePort) setInt(calls, fd, value, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_REUSEPORT, 1, "SO_REUSEPORT");
            if (kernel.errorQueue()) enableErrorQueue(calls, fd, value, family);
            forbidFragmentation(calls, fd, value, family);
            boolean trains = kernel.receiveTrains() && config.receiveOffload() && config.receiveFitsGroTrains();
            if (trains) setInt(calls, fd, value, LinuxAbi.SOL_UDP, LinuxAbi.UDP_GRO, 1, "UDP_GRO");
            SocketAddressCodec addresses = new SocketAddressCodec(family, arena);
            bind(calls, fd, addresses, arena, local == null ? new InetSocketAddress(0) : local);
            InetSocketAddress bound = boundAddress(calls, fd, addresses, arena);
            boolean segmentation = kernel.segmentation() && config.segmentationOffload();
            return new LinuxUdpSocket(arena, calls, fd, addresses, bound, trains, kernel.errorQueue(), config, segmentation);
        } catch (IOException | RuntimeException e) {
            LinuxCalls.closeQuietly(fd);
            arena.close();
            throw e;
        }
    }

    private static void enableErrorQueue(LinuxCalls calls, int fd, MemorySegment value, int family) throws SocketException {
        // A dual-stack socket needs both: ICMP errors about IPv4 peers come through the IPv4 stack.
        setInt(calls, fd, value, LinuxAbi.SOL_IP, LinuxAbi.IP_RECVERR, 1, "IP_RECVERR");
        if (family == LinuxAbi.AF_INET6) setInt(calls, fd, value, LinuxAbi.SOL_IPV6, LinuxAbi.IPV6_RECVERR, 1, "IPV6_RECVERR");
    }

    /**
     * Don't Fragment (spec 9.13): a datagram the path cannot carry is dropped, not fragmented, so
     * path MTU probes tell the truth; a send above the link's MTU fails with EMSGSIZE instead.
     */
    private static void forbidFragmentation(LinuxCalls calls, int fd, MemorySegment value, int family) throws SocketException {
        setInt(calls, fd, value, LinuxAbi.SOL_IP, LinuxAbi.IP_MTU_DISCOVER, LinuxAbi.PMTUDISC_DO, "IP_MTU_DISCOVER");
        if (family == LinuxAbi.AF_INET6) {
            setInt(calls, fd, value, LinuxAbi.SOL_IPV6, LinuxAbi.IPV6_MTU_DISCOVER, LinuxAbi.PMTUDISC_DO, "IPV6_MTU_DISCOVER");
        }
    }

    static void setInt(LinuxCalls calls, int fd, MemorySegment value, int level, int option, int v, String name)
        throws SocketException {
        value.set(JAVA_INT, 0, v);
        if (calls.setsockopt(fd, level, option, value, Integer.BYTES) != 0) {
            throw new SocketException("setsockopt(" + name + "): " + LinuxCalls.describe(calls.errno()));
        }
    }

    private static void bind(LinuxCalls calls, int fd, SocketAddressCodec addresses, Arena arena, InetSocketAddress local)
        throws IOException {
        if (local.isUnresolved()) throw new SocketException("cannot bind to an unresolved address: " + local);
        MemorySegment address = arena.allocate(addresses.size(), 8);
        if (!addresses.encode(local, address, 0)) throw new UnsupportedAddressTypeException();
        if (calls.bind(fd, address, addresses.size()) == 0) return;
        int errno = calls.errno();
        throw switch (errno) {
            case LinuxAbi.EADDRINUSE -> SocketErrors.addressInUse(local, null);
            case LinuxAbi.EADDRNOTAVAIL -> SocketErrors.addressNotAvailable(local, null);
            default -> SocketErrors.bindFailed(LinuxCalls.describe(errno) + ": cannot bind UDP " + local, null);
        };
    }

    private static InetSocketAddress boundAddress(LinuxCalls calls, int fd, SocketAddressCodec addresses, Arena arena)
        throws SocketException {
        MemorySegment address = arena.allocate(addresses.size(), 8);
        MemorySegment length = arena.allocate(JAVA_INT);
        length.set(JAVA_INT, 0, addresses.size());
        if (calls.getsockname(fd, address, length) != 0) {
            throw new SocketException("getsockname: " + LinuxCalls.describe(calls.errno()));
        }
        return addresses.decode(address, 0);
    }

    @Override
    public UdpOffloads offloads() {
        return new UdpOffloads(sender.segmentation(), receiveTrains, true, errorQueueOn);
    }

    @Override
    public int send() throws IOException {
        enter();
        try {
            return sender.send();
        } finally {
            use.exit();
        }
    }

    @Override
    public int receive() throws IOException {
        enter();
        try {
            if (errorQueued) readErrorQueue();
            return receiver.receive();
        } finally {
            use.exit();
        }
    }

    private void readErrorQueue() {
        errorQueued = false;
        if (errorQueueOn) errorQueue.drainInto(deliveryErrors);
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws IOException {
        enter();
        try {
            int events = poller.await(timeoutNanos);
            if (use.isClosed()) throw SocketErrors.closedWhileWaiting();
            if ((events & LinuxAbi.POLLERR) != 0) errorQueued = true;
            return events != 0;
        } finally {
            use.exit();
        }
    }

    @Override
    public void watch(DatagramChannel channel, Runnable onReady) {
        throw new UnsupportedOperationException("the UDP fast path waits on its own socket only; it hears ICMP errors"
            + " through its error queue (" + (errorQueueOn ? "on" : "off: the kernel refused IP_RECVERR") + ")");
    }

    @Override
    public void wakeup() {
        if (!use.enter()) return;
        try {
            poller.wake();
        } finally {
            use.exit();
        }
    }

    @Override
    public void connect(InetSocketAddress peer) throws IOException {
        enter();
        try {
            if (!addresses.encode(peer, scratch, 0)) throw new UnsupportedAddressTypeException();
            if (calls.connect(fd, scratch, addresses.size()) != 0) {
                throw new SocketException("connect to " + peer + ": " + LinuxCalls.describe(calls.errno()));
            }
            outgoing.connectTo(peer);
            sender.connected();
        } finally {
            use.exit();
        }
    }

    @Override
    public void setIntOption(int level, int option, int value) throws IOException {
        enter();
        try {
            setInt(calls, fd, scratch, level, option, value, "option " + level + "/" + option);
        } finally {
            use.exit();
        }
    }

    private void enter() throws IOException {
        if (!use.enter()) throw SocketErrors.closed();
    }

    @Override
    public void close() {
        if (!use.enter()) return;
        try {
            if (use.markClosed()) poller.wake();
        } finally {
            use.exit();
        }
    }

    /** Runs once, when the last call in progress after close returns. */
    private void release() {
        LinuxCalls.closeQuietly(fd);
        poller.release();
        arena.close();
    }

    @Override
    public String toString() {
        return "LinuxUdpSocket[" + localAddress + ", fd " + fd + "]";
    }
}
