package net.rudp.demo.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.rudp.AeadSuite;
import net.rudp.CongestionControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** echo-clients and bench over both transports, as commands (with the tests' rudp transport). */
class CommandsTest {

    @Test
    void benchAuthenticatedAddsARowPerSuiteAndEachTransferIsVerified(@TempDir Path out) throws Exception {
        TestTools.Run run = TestTools.run(new BenchCommand(TestTools.TRANSPORTS), "--size", "1MiB", "--warmup", "0",
            "--runs", "1", "--authenticated", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (AeadSuite suite : AeadSuite.values()) {
            assertTrue(run.out().lines().anyMatch(l -> l.matches("rudp sealed " + suite.name() + " +1200 B, " + suite.name() + " +\\S+ +1 MiB .*")),
                suite + " row missing from\n" + run.out());
        }
    }

    @Test
    void echoClientsSelfOverRudp() {
        TestTools.Run run = TestTools.run(new EchoClientsCommand(TestTools.TRANSPORTS), "--self", "--transport", "rudp",
            "--clients", "3", "--messages", "3", "--pause", "0ms");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("3 clients at once, each 3 messages of 64 B with 0.00 us pauses, over rudp\n"), run.out());
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("3 of 3 clients served in ")).count(), run.out());
        assertTrue(run.out().contains("\nall clients done after "), run.out());
    }

    @Test
    void benchMeasuresEveryContenderAndWritesItsFiles(@TempDir Path out) throws Exception {
        TestTools.Run run = TestTools.run(new BenchCommand(TestTools.TRANSPORTS), "--size", "2MiB", "--warmup", "0",
            "--runs", "2", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("contender ")).findFirst().orElseThrow());
        assertTrue(lines.get(header).matches("contender +packets +congestion +delivered +time +MB/s +CPU s +CPU ns/B"),
            lines.get(header));
        assertTrue(lines.get(header + 1).matches("udp \\(raw\\) +1200 B datagrams +none +\\d.* MiB .*"), run.out());
        assertTrue(lines.get(header + 2).matches("tcp +kernel segments +\\S+ +2 MiB .*"), run.out());
        String cc = CongestionControl.DEFAULT.id();
        assertTrue(lines.get(header + 3).matches("rudp 1200 +1200 B datagrams +" + cc + " +2 MiB .*"), run.out());
        assertTrue(lines.get(header + 4).matches("rudp 65507 +65507 B datagrams +" + cc + " +2 MiB .*"), run.out());
        for (String ratio : List.of("rudp 1200 / tcp", "rudp 1200 / udp (raw)", "rudp 65507 / tcp", "rudp 65507 / udp (raw)")) {
            assertTrue(run.out().contains("\n" + ratio + ": throughput "), ratio + " missing from\n" + run.out());
        }
        List<String> csv = Files.readAllLines(out.resolve("bench.csv"));
        assertEquals(9, csv.size(), "a header and 2 runs of 4 contenders");
        assertTrue(csv.get(5).startsWith("rudp 1200,1,1200 B datagrams," + cc + ",2097152,2097152,"), csv.get(5));
        assertTrue(csv.get(6).startsWith("rudp 1200,2,1200 B datagrams," + cc + ",2097152,2097152,"), csv.get(6));
        String markdown = Files.readString(out.resolve("bench.md"));
        assertTrue(markdown.startsWith("# rudp-demo bench\n\n`rudp-demo bench --size 2MiB --warmup 0 --runs 2 --out "), markdown);
        assertTrue(markdown.contains("\n| rudp 65507 | 65507 B datagrams | " + cc + " | 2 MiB |"), markdown);
    }

    @Test
    void benchParallelAddsTransfersAtOnceIntoOneLoopAndALoopPerCpu(@TempDir Path out) {
        TestTools.Run run = TestTools.run(new BenchCommand(TestTools.TRANSPORTS), "--size", "3MiB", "--warmup", "0",
            "--runs", "1", "--parallel", "3", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        String cc = CongestionControl.DEFAULT.id();
        int cpus = Runtime.getRuntime().availableProcessors();
        assertTrue(run.out().lines().anyMatch(l -> l.matches("rudp 3c 1l +1200 B, 3 clients, 1 loop +" + cc + " +3 MiB .*")),
            run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("rudp 3c " + cpus + "l +1200 B, 3 clients, " + cpus + " loops? +"
            + cc + " +3 MiB .*")), run.out());
        assertTrue(run.out().contains("\nrudp 3c 1l / tcp: throughput "), run.out());
    }
}
