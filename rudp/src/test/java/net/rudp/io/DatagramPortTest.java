package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Random;
import net.rudp.ConnectionConfig;
import net.rudp.core.Endpoint;
import net.rudp.io.DatagramErrors.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatagramPortTest {


    @Test
    void aReceivedDatagramGoesToTheEndpoint() throws Exception {
        try (DatagramChannel channel = UdpChannels.bound(Loopback.ANY_PORT); DatagramChannel sender = DatagramChannel.open()) {
            DatagramPort port = new DatagramPort(channel, null);
            Endpoint endpoint = endpoint(port);
            sender.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), port.localAddress());
            while (endpoint.decodeErrors() == 0) port.receiveBatch(endpoint); // bounded by @Timeout
            assertEquals(1, endpoint.decodeErrors(), "three bytes are no rudp packet: the endpoint dropped it (spec 6.1)");
        }
    }

    @Test
    void icmpPortUnreachableOnAConnectedChannelIsCountedAndReportedOnce() throws Exception {
        InetSocketAddress nobody = Loopback.unboundPort();
        try (DatagramChannel channel = UdpChannels.connected(Loopback.ANY_PORT, nobody)) {
            DatagramPort port = new DatagramPort(channel, nobody);
            Endpoint endpoint = endpoint(port);
            port.send(nobody, ByteBuffer.wrap(new byte[40]));
            while (port.errorCounts().get(Kind.PORT_UNREACHABLE) == 0) port.receiveBatch(endpoint); // bounded by @Timeout
            assertTrue(port.takePortUnreachable());
            assertFalse(port.takePortUnreachable(), "reported once");
        }
    }

    @Test
    void aDatagramTooLargeForUdpIsCountedAndTheEndpointGoesOn() throws Exception {
        try (DatagramChannel channel = UdpChannels.bound(Loopback.ANY_PORT)) {
            DatagramPort port = new DatagramPort(channel, null);
            port.send(Loopback.unboundPort(), ByteBuffer.wrap(new byte[65_536]));
            port.send(Loopback.unboundPort(), ByteBuffer.wrap(new byte[65_536]));
            assertEquals(2L, port.errorCounts().get(Kind.MESSAGE_TOO_LONG));
        }
    }

    private static Endpoint endpoint(DatagramPort port) {
        return new Endpoint(port.localAddress(), ConnectionConfig.DEFAULT, new Random(1));
    }
}
