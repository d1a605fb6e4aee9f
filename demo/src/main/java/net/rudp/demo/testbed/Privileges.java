package net.rudp.demo.testbed;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.rudp.demo.DemoException;

/**
 * Checks, before touching anything, that this process may build the test bed: network
 * namespaces need CAP_SYS_ADMIN, TUN devices and addresses need CAP_NET_ADMIN, and the kernel
 * must offer {@code /dev/net/tun}.
 */
final class Privileges {
    static final String ADVICE = "run as root; or add --relay to run rudp alone through the unprivileged UDP "
        + "impairment relay (kernel TCP cannot cross it); or use --scenario loopback";
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private Privileges() {}

    /** Why the test bed cannot be built here, or empty if it can. */
    static Optional<String> missing() {
        return missing(procSelfStatus(), Files.exists(Path.of("/dev/net/tun")));
    }

    /**
     * Why the test bed cannot be built by a process with this {@code /proc/self/status} (empty if
     * there is none) on a system with or without {@code /dev/net/tun}.
     */
    static Optional<String> missing(List<String> procSelfStatus, boolean tunDeviceExists) {
        Optional<BigInteger> caps = procSelfStatus.stream().filter(l -> l.startsWith("CapEff:"))
            .map(l -> new BigInteger(l.substring("CapEff:".length()).trim(), 16)).findFirst();
        if (caps.isEmpty()) {
            return Optional.of("the test bed needs Linux (network namespaces and TUN devices): use --scenario loopback");
        }
        if (!caps.get().testBit(CAP_NET_ADMIN) || !caps.get().testBit(CAP_SYS_ADMIN)) {
            return Optional.of("the test bed needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN): " + ADVICE);
        }
        if (!tunDeviceExists) {
            return Optional.of("the test bed needs /dev/net/tun, which this system lacks (load the tun module: "
                + "modprobe tun; in a container, pass the device in): or use --scenario loopback");
        }
        return Optional.empty();
    }

    /** Throws a {@link DemoException} saying what is missing, if anything. */
    static void require() {
        missing().ifPresent(reason -> {
            throw DemoException.failure(reason);
        });
    }

    private static List<String> procSelfStatus() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
