package net.rudp.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import net.rudp.io.batch.BatchedUdpSockets;
import org.junit.jupiter.api.Test;

/** io-bench's modes each move datagrams, and each with the system calls its name promises (no figures: those are the benchmark's). */
class DatagramIoBenchTest {

    @Test
    void everyModeDeliversAndTheBatchedModesMakeFewerSendCalls() throws Exception {
        assumeTrue(BatchedUdpSockets.fastPathChosen(), () -> "io-bench needs the fast path: " + BatchedUdpSockets.status());
        for (DatagramIoBench.Mode mode : DatagramIoBench.modes()) {
            DatagramIoBench.Run run = DatagramIoBench.run(mode, 1 << 20);
            assertTrue(run.deliveredDatagrams() > 0, mode.name() + ": nothing arrived");
            assertEquals(run.deliveredDatagrams() * DatagramIoBench.DATAGRAM, run.deliveredBytes(), mode.name());
            boolean plain = !mode.fastSender();
            assertTrue(plain ? run.sendCalls() == run.sentDatagrams() : run.sendCalls() * 10 < run.sentDatagrams(),
                mode.name() + ": " + run.sendCalls() + " send calls for " + run.sentDatagrams() + " datagrams");
        }
    }
}
