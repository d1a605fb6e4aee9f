package net.rudp.io.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** How {@link OutgoingBatch} cuts its datagrams into GSO runs: the rules the kernel sets for one UDP_SEGMENT message. */
class OutgoingBatchTest {
    private static final InetSocketAddress A = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1000);
    private static final InetSocketAddress B = new InetSocketAddress(InetAddress.getLoopbackAddress(), 2000);

    private static OutgoingBatch batchOf(Object... destinationsAndLengths) {
        OutgoingBatch batch = new OutgoingBatch(512, 1 << 20);
        for (int i = 0; i < destinationsAndLengths.length; i += 2) {
            batch.add((InetSocketAddress) destinationsAndLengths[i], ByteBuffer.allocate((Integer) destinationsAndLengths[i + 1]));
        }
        return batch;
    }

    @Test
    void aRunIsSameSizeDatagramsToOneDestinationTheLastMayBeShorter() {
        OutgoingBatch batch = batchOf(A, 100, A, 100, A, 40, A, 100);
        assertEquals(3, batch.runEnd(0, 64, 65_507), "the shorter third ends the run");
        assertEquals(4, batch.runEnd(3, 64, 65_507));
    }

    @Test
    void aLongerDatagramOrAnotherDestinationStartsANewRun() {
        OutgoingBatch batch = batchOf(A, 100, A, 101, A, 100, B, 100, A, 100);
        assertEquals(1, batch.runEnd(0, 64, 65_507), "a longer segment cannot follow");
        assertEquals(3, batch.runEnd(1, 64, 65_507), "101 then a shorter 100 as the last segment");
        assertEquals(4, batch.runEnd(3, 64, 65_507), "another destination");
        assertEquals(5, batch.runEnd(4, 64, 65_507));
    }

    @Test
    void equalDestinationsJoinARunThoughTheyAreDifferentObjects() {
        OutgoingBatch batch = batchOf(A, 10, new InetSocketAddress(A.getAddress(), A.getPort()), 10);
        assertEquals(2, batch.runEnd(0, 64, 65_507));
    }

    @Test
    void aRunStopsAtTheSegmentLimitAndTheByteLimit() {
        Object[] many = new Object[2 * 200];
        for (int i = 0; i < 200; i++) {
            many[2 * i] = A;
            many[2 * i + 1] = 1200;
        }
        OutgoingBatch batch = batchOf(many);
        assertEquals(54, batch.runEnd(0, 64, 65_507), "54 x 1200 = 64,800 bytes; 55 would exceed 65,507");
        assertEquals(10 + 64, batch.runEnd(10, 64, 1 << 20), "at most 64 segments");
        assertEquals(200, batch.runEnd(190, 64, 65_507), "the batch's end ends the run");
    }

    @Test
    void anEmptyDatagramIsAlwaysARunOfItsOwn() {
        OutgoingBatch batch = batchOf(A, 0, A, 0, A, 10, A, 0);
        assertEquals(1, batch.runEnd(0, 64, 65_507));
        assertEquals(2, batch.runEnd(1, 64, 65_507));
        assertEquals(3, batch.runEnd(2, 64, 65_507), "an empty datagram does not join a run as its short last segment");
    }

    @Test
    void datagramsLieBackToBackSoARunIsOneContiguousRange() {
        OutgoingBatch batch = batchOf(A, 7, A, 7, B, 3);
        assertEquals(0, batch.offset(0));
        assertEquals(7, batch.offset(1));
        assertEquals(14, batch.offset(2));
        assertEquals(3, batch.length(2));
        assertEquals(B, batch.destination(2));
    }
}
