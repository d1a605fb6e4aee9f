package net.rudp.demo.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelTcpCountersTest {

    @Test
    void readsOutSegsAndRetransSegsByName() {
        List<String> snmp = List.of(
            "Ip: Forwarding DefaultTTL",
            "Ip: 1 64",
            "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors",
            "Tcp: 1 200 120000 -1 10 5 0 0 2 1000 2000 17 0 3 0",
            "Udp: InDatagrams",
            "Udp: 4");
        assertEquals(new KernelTcpCounters.Segments(2000, 17), KernelTcpCounters.parse(snmp));
    }

    @Test
    void refusesATableWithoutTcpLines() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> KernelTcpCounters.parse(List.of("Ip: Forwarding", "Ip: 1")));
        assertEquals("/proc/net/snmp must have a Tcp: header line and a Tcp: value line, found 0", e.getMessage());
    }
}
