package net.rudp.demo.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ping and echo-clients over both transports, as commands (with the tests' rudp transport). */
class CommandsTest {

    @Test
    void pingShowsBothTransportsSideBySide() {
        TestTools.Run run = TestTools.run(new PingCommand(TestTools.TRANSPORTS), "--count", "20", "--warmup", "5");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(5, lines.size(), run.out());
        assertTrue(lines.get(2).startsWith("tcp "), run.out());
        assertTrue(lines.get(3).startsWith("rudp "), run.out());
        assertTrue(lines.get(4).matches("rudp/tcp: p50 \\d+\\.\\d\\dx, p99 \\d+\\.\\d\\dx"), lines.get(4));
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
}
