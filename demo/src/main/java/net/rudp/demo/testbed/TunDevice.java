package net.rudp.demo.testbed;

import java.io.IOException;
import net.rudp.demo.linux.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A Linux TUN device: an IP interface whose packets this process reads and writes through a file
 * descriptor. Opened with {@code IFF_TUN | IFF_NO_PI}: each read returns exactly one IP packet
 * with no extra header. Without {@code IFF_VNET_HDR} the device offers no segmentation offload,
 * so the kernel segments (GSO) before handing packets over: one read is one packet of at most
 * the MTU, never a 64 KiB super-packet. The device lives as long as its descriptor; moving it to
 * another network namespace ({@code ip link set DEV netns NS}) keeps the descriptor working.
 *
 * <p>The descriptor is non-blocking; {@link #read} waits with poll(2) for at most a timeout so
 * that the reading thread can notice when it should stop.
 */
final class TunDevice implements AutoCloseable {
    /** TUNSETIFF = _IOW('T', 202, int). */
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    /** sizeof(struct ifreq): a 16-byte name, then a union whose first member is short ifr_flags. */
    private static final int IFREQ_SIZE = 40;
    private static final int IFNAMSIZ = 16;

    private final String name;
    private final int fd;

    private TunDevice(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /**
     * Creates the device {@code name} (at most 15 characters) in this process's namespace.
     *
     * @throws IOException naming the failing call and errno, e.g. when not privileged
     */
    static TunDevice create(String name) throws IOException {
        if (name.length() >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface names have at most " + (IFNAMSIZ - 1) + " characters: " + name);
        }
        try (Libc libc = new Libc(); Arena arena = Arena.ofConfined()) {
            int fd = libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
            if (fd < 0) {
                throw new IOException("cannot open /dev/net/tun: " + Libc.strerror(libc.errno()));
            }
            MemorySegment ifreq = arena.allocate(IFREQ_SIZE);
            ifreq.setString(0, name);
            ifreq.set(ValueLayout.JAVA_SHORT, IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
            if (libc.ioctl(fd, TUNSETIFF, ifreq) < 0) {
                int errno = libc.errno();
                libc.close(fd);
                throw new IOException("cannot create TUN device " + name + " (ioctl TUNSETIFF): " + Libc.strerror(errno));
            }
            return new TunDevice(name, fd);
        }
    }

    String name() {
        return name;
    }

    /**
     * Reads one packet into {@code buffer}, waiting at most {@code timeoutMillis} for one.
     *
     * @return the packet's length, or 0 if none came in time
     */
    int read(Libc libc, MemorySegment buffer, int timeoutMillis) throws IOException {
        while (true) {
            long n = libc.read(fd, buffer);
            if (n >= 0) {
                return (int) n;
            }
            int errno = libc.errno();
            if (errno != Libc.EAGAIN && errno != Libc.EINTR) {
                throw new IOException("reading TUN device " + name + ": " + Libc.strerror(errno));
            }
            int ready = libc.pollIn(fd, timeoutMillis);
            if (ready == 0) {
                return 0;
            }
            if (ready < 0 && libc.errno() != Libc.EINTR) {
                throw new IOException("poll on TUN device " + name + ": " + Libc.strerror(libc.errno()));
            }
        }
    }

    /** Hands one IP packet to the kernel, as if it had arrived on this interface. */
    void write(Libc libc, MemorySegment packet, int length) throws IOException {
        long n = libc.write(fd, packet, length);
        if (n != length) {
            throw new IOException("writing to TUN device " + name + ": "
                + (n < 0 ? Libc.strerror(libc.errno()) : "wrote " + n + " of " + length + " bytes"));
        }
    }

    /** Closes the descriptor, which deletes the device. */
    @Override
    public void close() {
        try (Libc libc = new Libc()) {
            libc.close(fd);
        }
    }
}
