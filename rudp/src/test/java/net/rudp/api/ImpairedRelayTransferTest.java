package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.rudp.ConnectionConfig;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.impair.UdpImpairmentRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue #4: 50 MB through a real UDP relay with 5% loss, reordering and duplication, both ways. */
class ImpairedRelayTransferTest {

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fiftyMegabytesCrossAFivePercentLossRelayIntact() throws Exception {
        ImpairmentProfile rough = ImpairmentProfile.parse("loss=5%,reorder=3%,reorderhold=2ms,dup=2%,delay=1ms,jitter=500us");
        ConnectionConfig config = ConnectionConfig.DEFAULT;
        try (RudpServerSocket server = new RudpServerSocket(config)) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (UdpImpairmentRelay relay = new UdpImpairmentRelay((InetSocketAddress) server.getLocalSocketAddress(),
                    rough, rough, 5).start()) {
                BulkTransfer.Result r = BulkTransfer.run(server, relay.address(), config, 50L << 20);
                System.out.println("rudp through a relay [" + rough.format() + "]: " + r);
                assertTrue(r.sender().bytesRetransmitted() > 0, "5% loss must have cost retransmissions");
                assertTrue(relay.toServerStats().droppedByLoss() > 0 && relay.toServerStats().duplicated() > 0
                    && relay.toServerStats().reordered() > 0, "the relay impaired the path: " + relay.toServerStats());
            }
        }
    }
}
