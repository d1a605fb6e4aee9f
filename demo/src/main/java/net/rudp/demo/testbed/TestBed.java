package net.rudp.demo.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.rudp.capture.CaptureFile;
import net.rudp.capture.DatagramCapture;
import net.rudp.demo.DemoException;
import net.rudp.demo.Units;
import net.rudp.demo.compare.LinkSetup;
import net.rudp.demo.compare.NetworkPath;
import net.rudp.demo.report.LinkReports;
import net.rudp.impair.ImpairedLink;

/**
 * The impaired test bed: two network namespaces, each with a TUN device, joined by an emulated
 * link in this JVM (a {@link DelayLine} per direction around an {@link ImpairedLink}). The sender
 * runs in namespace a as 192.0.2.1, the receiver in namespace b as 192.0.2.2 (TEST-NET-1, never
 * routed on the Internet); each side has a /32 route to its peer over its TUN device:
 *
 * <pre>
 *   ns a: 192.0.2.1 -- tun --> [reader -> ImpairedLink a->b -> writer] -- tun --> ns b: 192.0.2.2
 *                      tun <-- [writer <- ImpairedLink b->a <- reader] <-- tun
 * </pre>
 *
 * Every transport crosses the same link: TCP's segments and rudp's datagrams alike are IP
 * packets to it.
 *
 * Linux only and root only. Names are unique per process and per bed ({@code rudp-a-PID-N}), so
 * parallel runs do not collide. {@link #close()} (also run by a shutdown hook, e.g. on Ctrl-C)
 * stops the link and deletes the devices and namespaces; namespaces left by a killed run are
 * deleted by the next one.
 */
public final class TestBed implements NetworkPath {
    static final String SENDER_ADDRESS = "192.0.2.1";
    static final String RECEIVER_ADDRESS = "192.0.2.2";
    private static final Pattern OUR_NAMESPACE = Pattern.compile("rudp-[ab]-(\\d+)-\\d+");
    private static final int TUN_QUEUE_PACKETS = 1000;
    private static final AtomicInteger NEXT_BED = new AtomicInteger();

    private final LinkSetup link;
    private final String namespaceA;
    private final String namespaceB;
    private final List<String> namespacesMade = new ArrayList<>();
    private final List<TunDevice> devices = new ArrayList<>();
    private final List<DelayLine> lines = new ArrayList<>();
    /** The file the next {@link #resetLink()} captures the link to, or null. */
    private Path nextCapture;
    /** The current link's capture, or null. */
    private DatagramCapture capture;
    /** The TUN devices' drop counters when the link was last reset. */
    private final java.util.Map<String, Long> tunDropsAtReset = new java.util.HashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "test-bed-teardown");
    private boolean closed;

    private TestBed(LinkSetup link, String suffix) {
        this.link = link;
        this.namespaceA = "rudp-a-" + suffix;
        this.namespaceB = "rudp-b-" + suffix;
    }

    /**
     * Builds a test bed whose link impairs each way as {@code link} says, with the kernel's
     * default TCP congestion control in both namespaces, or {@code tcpCongestionControl}.
     *
     * @throws DemoException if this process may not (not root, no /dev/net/tun, no ip command),
     *                       or a setup step fails; nothing is left behind then
     */
    public static TestBed create(LinkSetup link, Optional<String> tcpCongestionControl) {
        Privileges.require();
        Ip.executable();
        deleteNamespacesOfDeadRuns();
        long pid = ProcessHandle.current().pid();
        int n = NEXT_BED.getAndIncrement();
        TestBed bed = new TestBed(link, pid + "-" + n);
        Runtime.getRuntime().addShutdownHook(bed.shutdownHook);
        try {
            bed.side(bed.namespaceA, "rda" + pid + "n" + n, SENDER_ADDRESS, RECEIVER_ADDRESS);
            bed.side(bed.namespaceB, "rdb" + pid + "n" + n, RECEIVER_ADDRESS, SENDER_ADDRESS);
            tcpCongestionControl.ifPresent(bed::useTcpCongestionControl);
            bed.resetLink();
            return bed;
        } catch (IOException e) {
            bed.close();
            throw DemoException.failure("cannot build the test bed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            bed.close();
            throw e;
        }
    }

    /**
     * Sets the namespaces' default TCP congestion control (each network namespace has its own
     * {@code net.ipv4.tcp_congestion_control}; new sockets use it). Linux lets a namespace other
     * than the first default only to an algorithm in {@code tcp_allowed_congestion_control}.
     */
    private void useTcpCongestionControl(String name) {
        for (String ns : namespaces()) {
            try {
                Ip.inNamespace(ns, "sysctl", "-q", "-w", "net.ipv4.tcp_congestion_control=" + name);
            } catch (DemoException e) {
                throw DemoException.usage("--tcp-cc " + name + ": the kernel refused it as the namespace's default; "
                    + "it allows " + procSys(ns, "tcp_allowed_congestion_control") + " (net.ipv4.tcp_allowed_congestion_control, "
                    + "set outside the namespace) of the available " + procSys(ns, "tcp_available_congestion_control"));
            }
        }
    }

    private static String procSys(String ns, String name) {
        return Ip.inNamespace(ns, "cat", "/proc/sys/net/ipv4/" + name).strip();
    }

    @Override
    public boolean capturesLink() {
        return true;
    }

    /** The link captures: the emulator sees every packet both hosts send, TCP's too. */
    @Override
    public synchronized void captureNextLink(Path file) {
        nextCapture = file;
    }

    /**
     * Stops the link's threads and starts them again around fresh {@link ImpairedLink}s, capturing
     * what they carry if {@link #captureNextLink} asked for it.
     */
    @Override
    public synchronized void resetLink() {
        lines.forEach(DelayLine::close);
        lines.clear();
        closeCapture();
        if (nextCapture != null) {
            try {
                capture = DatagramCapture.open(nextCapture, CaptureFile.DEFAULT_LIMITS, "test bed link " + SENDER_ADDRESS
                    + " <-> " + RECEIVER_ADDRESS);
            } catch (IOException e) {
                throw DemoException.failure("cannot write the link's capture " + nextCapture + ": " + e.getMessage());
            }
            nextCapture = null;
        }
        long[] seeds = link.directionSeeds();
        lines.add(new DelayLine("a->b", devices.get(0), devices.get(1), new ImpairedLink(link.eachWay(), seeds[0]), capture));
        lines.add(new DelayLine("b->a", devices.get(1), devices.get(0), new ImpairedLink(link.eachWay(), seeds[1]), capture));
        namespaces().forEach(ns -> tunDropsAtReset.put(ns, tunQueueDrops(ns)));
    }

    /** Makes a namespace with a TUN device addressed as {@code local}, with a route to {@code peer}. */
    private void side(String ns, String device, String local, String peer) throws IOException {
        Ip.run("netns", "add", ns);
        namespacesMade.add(ns);
        TunDevice tun = TunDevice.create(device);
        devices.add(tun);
        // The descriptor keeps working after the move: it is bound to the device, not the namespace.
        Ip.run("link", "set", device, "netns", ns);
        Ip.run("-n", ns, "link", "set", "lo", "up");
        Ip.run("-n", ns, "addr", "add", local + "/32", "peer", peer + "/32", "dev", device);
        // The TUN queue holds what the kernel sent until the emulator reads it. 1000 packets (the
        // Ethernet default) rides out short pauses of the emulator's reader (GC, scheduling) that
        // would otherwise drop packets; drops still happening are counted in linkReport().
        Ip.run("-n", ns, "link", "set", device, "txqueuelen", Integer.toString(TUN_QUEUE_PACKETS), "up");
    }

    /** Namespaces named like ours whose process is gone (killed before it could clean up). */
    private static void deleteNamespacesOfDeadRuns() {
        for (String line : Ip.run("netns", "list").split("\\R")) {
            String name = line.split(" ")[0];
            Matcher m = OUR_NAMESPACE.matcher(name);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) {
                Ip.run("netns", "del", name);
            }
        }
    }

    @Override
    public String description() {
        return "test bed (" + SENDER_ADDRESS + " -> " + RECEIVER_ADDRESS + "), " + link.describe();
    }

    @Override
    public InetAddress receiverAddress() {
        try {
            return InetAddress.getByName(RECEIVER_ADDRESS);
        } catch (UnknownHostException e) {
            throw new AssertionError("a literal address always parses", e);
        }
    }

    @Override
    public List<String> receiverLauncher() {
        return List.of(Ip.executable().toString(), "netns", "exec", namespaceB);
    }

    @Override
    public List<String> senderLauncher() {
        return List.of(Ip.executable().toString(), "netns", "exec", namespaceA);
    }

    /** The namespaces' names: the sender's, then the receiver's. */
    public List<String> namespaces() {
        return List.of(namespaceA, namespaceB);
    }

    /**
     * What the emulated link did since {@link #resetLink()}, per direction: packets offered, delivered, dropped by
     * random loss and by the full queue, duplicated and reordered (the model's counters); the
     * largest packet (at most the MTU: no offload super-packets); how late deliveries were against
     * their due time; and packets the kernel dropped before the emulator could read them.
     */
    @Override
    public Optional<String> linkReport() {
        String drops = namespaces().stream().map(ns -> ns + " " + (tunQueueDrops(ns) - tunDropsAtReset.get(ns)))
            .collect(Collectors.joining(", "));
        IOException failure = lines.stream().map(DelayLine::failure).filter(f -> f != null).findFirst().orElse(null);
        String counters = lines.stream().map(DelayLine::counters).map(c -> String.format(
                "%s: %s, largest %d B; delivered late by p50 %s, p99 %s, max %s",
                c.direction(), LinkReports.describe(c.link()), c.largestPacket(),
                Units.formatDuration(c.lateness().percentile(0.5)), Units.formatDuration(c.lateness().percentile(0.99)),
                Units.formatDuration(c.lateness().max())))
            .collect(Collectors.joining("\n"));
        counters += "\npackets the kernel dropped because the emulator read too slowly (TUN queue full): " + drops;
        return Optional.of(failure == null ? counters : counters + "\nlink failed: " + failure.getMessage());
    }

    /** The TX "dropped" counter of the namespace's TUN device: packets its full queue refused. */
    private long tunQueueDrops(String ns) {
        String device = devices.get(ns.equals(namespaceA) ? 0 : 1).name();
        String[] lines = Ip.run("-n", ns, "-s", "link", "show", "dev", device).split("\\R");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].strip().startsWith("TX:")) {
                List<String> names = List.of(lines[i].strip().split("\\s+"));
                String[] values = lines[i + 1].strip().split("\\s+");
                return Long.parseLong(values[names.indexOf("dropped") - 1]);
            }
        }
        throw DemoException.failure("'ip -s link show dev " + device + "' printed no TX counters");
    }

    /** Closes the current link's capture (its threads have stopped), if there is one. */
    private void closeCapture() {
        if (capture == null) {
            return;
        }
        try {
            capture.close();
        } catch (IOException e) {
            throw DemoException.failure("closing the link's capture failed: " + e.getMessage());
        } finally {
            capture = null;
        }
    }

    /** Stops the link, closes the TUN devices (deleting them) and deletes the namespaces. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        lines.forEach(DelayLine::close);
        closeCapture();
        devices.forEach(TunDevice::close);
        List<String> failures = new ArrayList<>();
        for (String ns : namespacesMade) {
            try {
                Ip.run("netns", "del", ns);
            } catch (DemoException e) {
                failures.add(e.getMessage());
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // close() is running as the hook itself
        }
        if (!failures.isEmpty()) {
            throw DemoException.failure("test bed teardown incomplete (delete by hand with ip netns del): " + failures);
        }
    }
}
