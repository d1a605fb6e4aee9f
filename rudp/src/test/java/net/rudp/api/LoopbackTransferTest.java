package net.rudp.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.rudp.CongestionControl;
import net.rudp.ConnectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One bulk transfer over clean loopback, checked by SHA-256; prints throughput and CPU time (no
 * timing assertion). The same test measures by hand:
 * {@code -Drudp.transfer.mib=1024 -Drudp.transfer.datagram=65507 -Drudp.transfer.cc=cubic -Dtest=LoopbackTransferTest}.
 */
class LoopbackTransferTest {

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBulkTransferArrivesIntact() throws Exception {
        long total = Long.getLong("rudp.transfer.mib", 32) << 20;
        int datagram = Integer.getInteger("rudp.transfer.datagram", ConnectionConfig.DEFAULT.maxDatagramSize());
        String cc = System.getProperty("rudp.transfer.cc", ConnectionConfig.DEFAULT.congestionControl().id());
        ConnectionConfig config = ConnectionConfig.DEFAULT.withMaxDatagramSize(datagram)
            .withCongestionControl(CongestionControl.fromName(cc));
        try (RudpServerSocket server = new RudpServerSocket(config)) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            BulkTransfer.Result r = BulkTransfer.run(server, (InetSocketAddress) server.getLocalSocketAddress(), config, total);
            System.out.println("rudp loopback, " + datagram + "-byte datagrams: " + r);
        }
    }
}
