package net.rudp.demo.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.rudp.demo.compare.CompareRun;
import net.rudp.demo.compare.CompareSettings;
import net.rudp.demo.compare.ProgressView;
import net.rudp.demo.compare.TransferResult;
import net.rudp.demo.transport.TcpTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs TCP across the real test bed (namespaces, TUN devices, the delay line) with the test-only
 * {@link SeededLossDelayLink}. Needs root, /dev/net/tun and iproute2; skipped otherwise.
 * {@code -Drudp.demo.testbedBytes=N} sends more (e.g. to measure by hand).
 */
class TestBedTest {
    private static final long BYTES = Long.getLong("rudp.demo.testbedBytes", 2L << 20);

    @BeforeAll
    static void needsPrivileges() {
        assumeTrue(Privileges.missing().isEmpty(), () -> "test bed skipped: " + Privileges.missing().orElseThrow());
        assumeTrue(List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip").stream().anyMatch(p -> Files.isExecutable(Path.of(p))),
            "test bed skipped: no ip command (iproute2)");
    }

    @Test
    void tcpCrossesA50MbitLinkWith10msDelayAndOnePercentLossAndTheBedIsGoneAfterwards() throws Exception {
        LinkSpec spec = LinkSpec.CLEAN.withRate(50_000_000).withDelay(Duration.ofMillis(10)).withLoss(0.01).withSeed(3);
        TestBed bed = TestBed.create(spec, SeededLossDelayLink.factory());
        TransferResult result;
        String report;
        try (bed) {
            CompareSettings settings = new CompareSettings(List.of(new TcpTransport()), BYTES, 5, Duration.ofSeconds(60), Duration.ofMillis(100));
            result = new CompareRun(bed, settings, ProgressView.NONE).run().getFirst();
            report = bed.linkReport().orElseThrow();
        }
        System.out.println(bed.description() + "\n" + result + "\n" + report);
        assertTrue(result.verified(), result.verificationFailure());
        assertTrue(result.stats().orElseThrow().bytesRetransmitted() > 0,
            "1% loss makes TCP retransmit: " + result.stats());
        assertTrue(result.throughputBitsPerSecond() < 50e6, "the 50 Mbit/s bottleneck limits throughput: " + result.throughputBitsPerSecond());
        Matcher largest = Pattern.compile("largest (\\d+) B").matcher(report);
        while (largest.find()) {
            assertTrue(Integer.parseInt(largest.group(1)) <= 1500, "one packet per read, at most the MTU: " + report);
        }
        String namespaces = Ip.run("netns", "list");
        for (String ns : bed.namespaces()) {
            assertFalse(namespaces.contains(ns), ns + " survived teardown: " + namespaces);
        }
    }

    @Test
    void aCleanLinkCarriesEveryPacketItReads() throws Exception {
        try (TestBed bed = TestBed.create(LinkSpec.CLEAN, LinkFactory.CLEAN_ONLY)) {
            CompareSettings settings = new CompareSettings(List.of(new TcpTransport()), 1 << 20, 6, Duration.ofSeconds(60), Duration.ofMillis(100));
            TransferResult result = new CompareRun(bed, settings, ProgressView.NONE).run().getFirst();
            assertTrue(result.verified(), result.verificationFailure());
            String report = bed.linkReport().orElseThrow();
            Matcher counts = Pattern.compile("(\\d+) packets in \\([^)]*\\), (\\d+) out").matcher(report);
            assertTrue(counts.find(), report);
            assertEquals(counts.group(1), counts.group(2), "a->b: " + report);
        }
    }
}
