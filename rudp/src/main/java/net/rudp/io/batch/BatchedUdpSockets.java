package net.rudp.io.batch;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link BatchedUdpSocket}s: the Linux fast path where this JVM and kernel offer it, the
 * plain {@link java.nio.channels.DatagramChannel} otherwise, chosen once per JVM and reported
 * once in the log (INFO).
 *
 * <p>The fast path is chosen when all of these hold: the system property
 * {@value #FAST_PATH_PROPERTY} is not {@code false}; the OS is Linux on x86-64 or AArch64 (the
 * struct layouts it knows); the JVM is Java 22 or later and loaded the library from its
 * multi-release jar (or, in this project's tests, found the Java 22 classes on the class path);
 * native access is not denied ({@code --illegal-native-access=deny}); and the kernel has
 * {@code sendmmsg}/{@code recvmmsg}. GSO, GRO and the error queue are each used where the
 * kernel has them (GSO since Linux 4.18, GRO since 5.0).
 *
 * <p>On Java 22 and later the fast path's downcalls are restricted methods: without
 * {@code --enable-native-access=ALL-UNNAMED} (or the library's module name) the JVM prints a
 * warning once and the fast path works; with {@code --illegal-native-access=deny} it is refused
 * and the plain path is used, said in the log.
 */
public final class BatchedUdpSockets {
    /** {@code -Drudp.io.fast=false} forces the plain path (for comparison, or to rule the fast path out). */
    public static final String FAST_PATH_PROPERTY = "rudp.io.fast";
    private static final Logger LOG = LoggerFactory.getLogger(BatchedUdpSockets.class);
    /** The architectures whose Linux struct layouts and constants the fast path is written for. */
    private static final Set<String> KNOWN_ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64");

    private BatchedUdpSockets() {}

    /** The path chosen for this JVM, decided (and logged) on first use. */
    private static final class Choice {
        static final FastPathProvider FAST;
        static final String STATUS;

        static {
            Loaded loaded = loadFastPath();
            FAST = loaded.provider();
            STATUS = FAST != null
                ? "Linux fast path (FFM): " + FAST.kernelOffers().describe()
                : "plain DatagramChannel (" + loaded.whyNot() + ")";
            LOG.info("rudp UDP datagram I/O: {}", STATUS);
        }
    }

    /** The fast path, or null and why not. */
    private record Loaded(FastPathProvider provider, String whyNot) {
        static Loaded not(String whyNot) {
            return new Loaded(null, whyNot);
        }
    }

    /**
     * A socket bound to {@code local} (null: the wildcard address, any port) on the fast path if
     * this JVM chose it, else on the plain path.
     *
     * @throws java.net.BindException if the address is taken ("Address already in use") or not this host's
     */
    public static BatchedUdpSocket open(InetSocketAddress local, UdpSocketConfig config) throws IOException {
        return open(local, config, false);
    }

    /**
     * As {@link #open}, with {@code SO_REUSEPORT}: other sockets opened so may bind the same
     * address (those of the same user, in any process), and Linux spreads the datagrams arriving
     * there over them by a hash of each datagram's addresses and ports, so that every datagram
     * of one peer reaches the same socket while the set of sockets stays the same.
     *
     * @throws UnsupportedOperationException where {@link #whyNoPortSharing()} says why not
     */
    public static BatchedUdpSocket openSharingPort(InetSocketAddress local, UdpSocketConfig config) throws IOException {
        String whyNot = whyNoPortSharing();
        if (whyNot != null) throw new UnsupportedOperationException("no UDP port sharing: " + whyNot);
        return open(local, config, true);
    }

    /** Why {@link #openSharingPort} cannot spread one port's datagrams over sockets here, or null if it can. */
    public static String whyNoPortSharing() {
        return PortSharing.WHY_NOT;
    }

    private static BatchedUdpSocket open(InetSocketAddress local, UdpSocketConfig config, boolean sharePort) throws IOException {
        return Choice.FAST != null ? Choice.FAST.open(local, config, sharePort) : ChannelUdpSocket.open(local, config, sharePort);
    }

    /** A socket on the plain path, whatever this JVM chose. */
    public static BatchedUdpSocket openPlain(InetSocketAddress local, UdpSocketConfig config) throws IOException {
        return ChannelUdpSocket.open(local, config, false);
    }

    /**
     * A socket on the fast path.
     *
     * @throws UnsupportedOperationException if this JVM did not choose it (the message says why)
     */
    public static BatchedUdpSocket openFast(InetSocketAddress local, UdpSocketConfig config) throws IOException {
        if (Choice.FAST == null) throw new UnsupportedOperationException("no UDP fast path: " + Choice.STATUS);
        return Choice.FAST.open(local, config, false);
    }

    /** Whether {@link #open} takes the fast path. */
    public static boolean fastPathChosen() {
        return Choice.FAST != null;
    }

    /** What {@link #open} uses and why, as logged: e.g. "Linux fast path (FFM): UDP GSO on, ...". */
    public static String status() {
        return Choice.STATUS;
    }

    /**
     * Whether this system spreads a port's datagrams over the sockets sharing it, decided once:
     * Linux (3.9+) does for UDP; the BSDs' and macOS's {@code SO_REUSEPORT} lets sockets share a
     * port but delivers each unicast datagram to one of them, not spread by flow. The fast path
     * sets the option itself; the plain path needs the JDK to offer it for datagram channels.
     */
    private static final class PortSharing {
        static final String WHY_NOT = decide();

        private static String decide() {
            String os = System.getProperty("os.name", "");
            if (!os.equals("Linux")) return "only Linux spreads a UDP port's datagrams over sockets by flow; this is " + os;
            if (Choice.FAST != null) return null;
            try (DatagramChannel probe = DatagramChannel.open()) {
                return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)
                    ? null : "this JDK offers no SO_REUSEPORT for datagram channels";
            } catch (IOException e) {
                return "a datagram channel could not be opened to look: " + e;
            }
        }
    }

    private static Loaded loadFastPath() {
        String unusable = unusableHere();
        if (unusable != null) return Loaded.not(unusable);
        try {
            return new Loaded((FastPathProvider) Class.forName(FastPathProvider.IMPLEMENTATION)
                .getDeclaredConstructor().newInstance(), null);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return Loaded.not("the Java 22 classes are missing: load rudp from its multi-release jar");
        } catch (InvocationTargetException | ExceptionInInitializerError e) {
            return Loaded.not(refusal(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Loaded.not("the fast path failed to load: " + e);
        }
    }

    /** Why this JVM cannot have the fast path whatever the kernel offers, or null. */
    private static String unusableHere() {
        if ("false".equalsIgnoreCase(System.getProperty(FAST_PATH_PROPERTY, "").trim())) {
            return "-D" + FAST_PATH_PROPERTY + "=false";
        }
        String os = System.getProperty("os.name", "");
        if (!os.equals("Linux")) return "the fast path is for Linux; this is " + os;
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!KNOWN_ARCHITECTURES.contains(arch)) return "the fast path knows Linux on x86-64 and AArch64, not " + arch;
        int feature = Runtime.version().feature();
        if (feature < 22) return "Java " + feature + ": the fast path needs the FFM API of Java 22+";
        return null;
    }

    private static String refusal(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IllegalCallerException) {
                return "native access is denied to rudp (--illegal-native-access=deny): allow it with --enable-native-access=ALL-UNNAMED";
            }
        }
        return "the fast path is unavailable: " + cause;
    }
}
