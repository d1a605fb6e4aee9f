package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.rudp.ConnectionConfig;
import net.rudp.core.Endpoint;
import net.rudp.io.DatagramErrors.Kind;
import net.rudp.io.batch.BatchedUdpSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The port on whichever path this JVM chose; surefire runs the package again on the plain path. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatagramPortTest {

    @Test
    void aReceivedDatagramGoesToTheEndpoint() throws Exception {
        try (BatchedUdpSocket socket = EndpointSockets.bound(Loopback.ANY_PORT); DatagramChannel sender = DatagramChannel.open()) {
            DatagramPort port = new DatagramPort(socket);
            Endpoint endpoint = endpoint(port);
            sender.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), port.localAddress());
            while (endpoint.decodeErrors() == 0) port.receiveBatch(endpoint); // bounded by @Timeout
            assertEquals(1, endpoint.decodeErrors(), "three bytes are no rudp packet: the endpoint dropped it (spec 6.1)");
        }
    }

    @Test
    void datagramsEncodedIntoSlotsLeaveAsOneBatchInOrder() throws Exception {
        try (BatchedUdpSocket socket = EndpointSockets.bound(Loopback.ANY_PORT);
             DatagramChannel receiver = DatagramChannel.open().bind(Loopback.ANY_PORT)) {
            DatagramPort port = new DatagramPort(socket);
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            for (int i = 0; i < 5; i++) {
                ByteBuffer slot = port.slot(to, 1200);
                int start = slot.position();
                for (int b = 0; b < 1000; b++) slot.put((byte) (i + b));
                slot.limit(slot.position()).position(start); // as core's DatagramSlot hands it back
                port.send(to, slot);
            }
            port.send(to, ByteBuffer.wrap(new byte[] {42})); // a copied datagram joins the batch
            assertEquals(0, socket.counters().datagramsSent(), "nothing leaves before the batch is sent");
            port.sendBatch();
            List<byte[]> got = new ArrayList<>();
            ByteBuffer in = ByteBuffer.allocate(2000);
            while (got.size() < 6) { // bounded by @Timeout
                in.clear();
                if (receiver.receive(in) == null) continue;
                byte[] bytes = new byte[in.flip().remaining()];
                in.get(bytes);
                got.add(bytes);
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(1000, got.get(i).length);
                assertEquals((byte) (i + 999), got.get(i)[999], "datagram " + i + " arrived whole and in order");
            }
            assertEquals(1, got.get(5).length);
        }
    }

    @Test
    void aSlotAbandonedByAFailedEncoderIsNotSent() throws Exception {
        try (BatchedUdpSocket socket = EndpointSockets.bound(Loopback.ANY_PORT)) {
            DatagramPort port = new DatagramPort(socket);
            InetSocketAddress to = Loopback.unboundPort();
            port.slot(to, 1200).put(new byte[100]); // the encoder threw here: no send follows
            ByteBuffer slot = port.slot(to, 1200);
            int start = slot.position();
            slot.put(new byte[10]).limit(slot.position()).position(start);
            port.send(to, slot);
            assertEquals(1, socket.outgoing().size(), "only the datagram that was handed back is queued");
        }
    }

    @Test
    void icmpPortUnreachableOnAConnectedSocketRefusesOnceAndIsCounted() throws Exception {
        InetSocketAddress nobody = Loopback.unboundPort();
        try (BatchedUdpSocket socket = EndpointSockets.connected(Loopback.ANY_PORT, nobody)) {
            DatagramPort port = new DatagramPort(socket);
            Endpoint endpoint = endpoint(port);
            boolean refused = false;
            while (!refused) { // bounded by @Timeout
                port.send(nobody, ByteBuffer.wrap(new byte[40]));
                port.sendBatch();
                port.receiveBatch(endpoint);
                refused = port.refuseUnreachable(endpoint);
            }
            assertTrue(port.errorCounts().get(Kind.PORT_UNREACHABLE) >= 1);
            assertFalse(port.refuseUnreachable(endpoint), "reported once");
        }
    }

    @Test
    void aDatagramTooLargeForIpv4IsCountedAndTheEndpointGoesOn() throws Exception {
        InetSocketAddress ipv4 = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), Loopback.unboundPort().getPort());
        try (BatchedUdpSocket socket = EndpointSockets.bound(new InetSocketAddress(0))) {
            DatagramPort port = new DatagramPort(socket);
            // IPv4 carries at most 65,507 bytes of UDP payload: the kernel refuses these two.
            port.send(ipv4, ByteBuffer.wrap(new byte[65_508]));
            port.send(ipv4, ByteBuffer.wrap(new byte[65_508]));
            port.sendBatch();
            assertEquals(2L, port.errorCounts().get(Kind.REFUSED));
            port.send(ipv4, ByteBuffer.wrap(new byte[100]));
            port.sendBatch();
            assertEquals(1, socket.counters().datagramsSent());
        }
    }

    private static Endpoint endpoint(DatagramPort port) {
        return new Endpoint(port.localAddress(), ConnectionConfig.DEFAULT, new Random(1));
    }
}
