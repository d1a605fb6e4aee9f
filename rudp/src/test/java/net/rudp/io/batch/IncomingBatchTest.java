package net.rudp.io.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link IncomingBatch}'s cursor splits GRO trains into datagrams and walks single ones. */
class IncomingBatchTest {
    private static final InetSocketAddress A = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1000);
    private static final InetSocketAddress B = new InetSocketAddress(InetAddress.getLoopbackAddress(), 2000);

    /** Fills slot {@code slot} with {@code length} bytes counting up from {@code first}. */
    private static void fill(IncomingBatch batch, int slot, int length, int first) {
        ByteBuffer b = batch.buffer();
        for (int i = 0; i < length; i++) b.put(batch.slotOffset(slot) + i, (byte) (first + i));
    }

    private static List<String> walk(IncomingBatch batch) {
        List<String> seen = new ArrayList<>();
        while (batch.next()) {
            ByteBuffer d = batch.datagram();
            seen.add(batch.source().getPort() + ":" + d.remaining() + (d.hasRemaining() ? "@" + d.get(d.position()) : ""));
        }
        return seen;
    }

    @Test
    void aTrainSplitsIntoItsSegmentsTheLastShorter() {
        IncomingBatch batch = new IncomingBatch(4, 10_000);
        fill(batch, 0, 2500, 0);
        assertEquals(3, batch.addMessage(0, 2500, 1200, A));
        assertEquals(List.of("1000:1200@0", "1000:1200@" + (byte) 1200, "1000:100@" + (byte) 2400), walk(batch));
    }

    @Test
    void singleDatagramsAndTrainsMixAndSkippedSlotsStaySkipped() {
        IncomingBatch batch = new IncomingBatch(4, 10_000);
        fill(batch, 0, 50, 1);
        fill(batch, 2, 20, 9);
        batch.addMessage(0, 50, 50, A);
        batch.addMessage(2, 20, 10, B); // slot 1 held an overlong datagram the socket dropped
        batch.addMessage(3, 0, 0, A);
        assertEquals(List.of("1000:50@1", "2000:10@9", "2000:10@19", "1000:0"), walk(batch));
        assertEquals(3, batch.messageCount());
    }

    @Test
    void theDatagramBufferIsOneObjectAndTheCallersMovesDoNotLeak() {
        IncomingBatch batch = new IncomingBatch(2, 100);
        fill(batch, 0, 30, 0);
        batch.addMessage(0, 30, 10, A);
        assertTrue(batch.next());
        ByteBuffer first = batch.datagram();
        first.position(first.limit()); // the caller consumed it
        assertTrue(batch.next());
        ByteBuffer second = batch.datagram();
        assertSame(first, second);
        assertEquals(10, second.remaining());
        assertEquals(10, second.get(second.position()));
    }

    @Test
    void rewindAndResetAndTheCursorsEnd() {
        IncomingBatch batch = new IncomingBatch(2, 100);
        batch.addMessage(0, 30, 10, A);
        assertEquals(3, walk(batch).size());
        assertFalse(batch.next(), "the end stays the end");
        assertThrows(IllegalStateException.class, batch::datagram);
        batch.rewind();
        assertEquals(3, walk(batch).size());
        batch.reset();
        assertEquals(0, batch.messageCount());
        assertFalse(batch.next());
        assertThrows(IllegalStateException.class, batch::source, "no datagram before next()");
    }

    @Test
    void aSegmentSizeTheKernelCouldNotMeanReadsAsOneDatagram() {
        IncomingBatch batch = new IncomingBatch(2, 100);
        assertEquals(1, batch.addMessage(0, 30, 0, A));
        assertEquals(1, batch.addMessage(1, 30, 99, A));
        assertEquals(List.of("1000:30@0", "1000:30@0"), walk(batch));
    }
}
