package net.rudp.io.batch;

import static net.rudp.io.batch.Datagrams.assertContents;
import static net.rudp.io.batch.Datagrams.loopback4;
import static net.rudp.io.batch.Datagrams.queue;
import static net.rudp.io.batch.Datagrams.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which path {@link BatchedUdpSockets} chooses, and the fast path's fallback when the kernel refuses GSO. */
class FastPathTest {
    /** <asm-generic/socket.h>: SOL_SOCKET, and SO_NO_CHECK, which turns UDP checksums off for sending. */
    private static final int SOL_SOCKET = 1;
    private static final int SO_NO_CHECK = 11;

    @Test
    void onLinuxWithJava22AndLaterTheFastPathIsChosenSoTheTestsCoverIt() {
        assumeFalse("false".equals(System.getProperty(BatchedUdpSockets.FAST_PATH_PROPERTY)), "the plain path was forced");
        assumeTrue(System.getProperty("os.name").equals("Linux"), "not Linux");
        assertTrue(BatchedUdpSockets.fastPathChosen(), BatchedUdpSockets.status());
        assertTrue(BatchedUdpSockets.status().startsWith("Linux fast path (FFM): UDP GSO "), BatchedUdpSockets.status());
    }

    @Test
    @EnabledIfSystemProperty(named = BatchedUdpSockets.FAST_PATH_PROPERTY, matches = "false")
    void theSystemPropertyForcesThePlainPath() throws IOException {
        assertFalse(BatchedUdpSockets.fastPathChosen());
        assertEquals("plain DatagramChannel (-Drudp.io.fast=false)", BatchedUdpSockets.status());
        try (BatchedUdpSocket socket = BatchedUdpSockets.open(loopback4(), UdpSocketConfig.DEFAULT)) {
            assertEquals(UdpOffloads.NONE, socket.offloads());
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void whenTheKernelRefusesGsoTheRunIsResentAsSingleDatagramsAndGsoStaysOff(IoPath receiverPath) throws IOException {
        int count = 120;
        int[] lengths = IntStream.range(0, count).map(i -> i == count - 1 ? 17 : 1200).toArray();
        try (BatchedUdpSocket sender = IoPath.FAST.open(loopback4()); BatchedUdpSocket receiver = receiverPath.open(loopback4())) {
            assumeTrue(sender.offloads().segmentation(), "the kernel has no UDP GSO");
            // Without checksums the kernel refuses every GSO message with EINVAL: a real refusal, not a pretended one.
            ((RawSocketOptions) sender).setIntOption(SOL_SOCKET, SO_NO_CHECK, 1);
            for (int i = 0; i < count; i++) queue(sender, receiver.localAddress(), i, lengths[i]);
            assertEquals(count, sender.send(), "every datagram was sent after all");
            assertContents(receive(receiver, count), IntStream.range(0, count).toArray(), lengths);
            assertFalse(sender.offloads().segmentation(), "GSO is off for this socket");
            assertEquals(1, sender.counters().segmentationFallbacks(), sender.counters().toString());
            assertEquals(count, sender.counters().messagesSent(), "as single datagrams");
        }
    }
}
