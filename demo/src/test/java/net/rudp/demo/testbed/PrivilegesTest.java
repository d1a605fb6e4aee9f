package net.rudp.demo.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrivilegesTest {
    private static final String ROOT = "CapEff:\t000001ffffffffff";
    private static final String USER = "CapEff:\t0000000000000000";
    private static final String NET_ADMIN_ONLY = "CapEff:\t0000000000001000";

    @Test
    void rootWithATunDeviceMayBuildTheTestBed() {
        assertEquals(Optional.empty(), Privileges.missing(List.of("Name:\tjava", ROOT), true));
    }

    @Test
    void everyoneElseIsToldWhatToDo() {
        String needsRoot = "the test bed needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN): run as root; or add --relay to "
            + "run rudp alone through the unprivileged UDP impairment relay (kernel TCP cannot cross it); or use --scenario loopback";
        assertEquals(Optional.of(needsRoot), Privileges.missing(List.of(USER), true));
        assertEquals(Optional.of(needsRoot), Privileges.missing(List.of(NET_ADMIN_ONLY), true));
        assertEquals(Optional.of("the test bed needs /dev/net/tun, which this system lacks (load the tun module: "
            + "modprobe tun; in a container, pass the device in): or use --scenario loopback"), Privileges.missing(List.of(ROOT), false));
        assertEquals(Optional.of("the test bed needs Linux (network namespaces and TUN devices): use --scenario loopback"),
            Privileges.missing(List.of(), true));
    }
}
