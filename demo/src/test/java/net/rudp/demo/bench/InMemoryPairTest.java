package net.rudp.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import net.rudp.ConnectionConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pair the core benchmark drives really carries the stream, so the benchmark cannot measure nothing. */
class InMemoryPairTest {

    /** A different byte at (practically) every offset, so a lost, repeated or misplaced segment shows. */
    private static final class NumberedBytes implements StreamContent {
        long checked;

        static byte at(long offset) {
            return (byte) ((offset * 0x9E3779B97F4A7C15L) >>> 56);
        }

        @Override
        public void fill(ByteBuffer chunk, long streamOffset) {
            for (int i = chunk.position(); i < chunk.limit(); i++) chunk.put(i, at(streamOffset++));
        }

        @Override
        public void check(ByteBuffer chunk, long streamOffset) {
            for (int i = chunk.position(); i < chunk.limit(); i++, streamOffset++, checked++) {
                if (chunk.get(i) != at(streamOffset)) {
                    throw new AssertionError("byte " + streamOffset + " is " + chunk.get(i) + ", was written as " + at(streamOffset));
                }
            }
        }
    }

    @ParameterizedTest(name = "datagrams of {0} bytes, {1} received per wake-up")
    @CsvSource({"1200, 1", "1200, 64", "65507, 1", "65507, 64"})
    void deliversEveryWrittenByteInOrderAcrossTransfers(int datagramSize, int receiveBatch) {
        ConnectionConfig config = ConnectionConfig.builder().maxDatagramSize(datagramSize).pacing(false).build();
        InMemoryPair pair = new InMemoryPair(config, CoreThroughputBenchmark.ONE_WAY_DELAY_NANOS, receiveBatch, 7);
        NumberedBytes content = new NumberedBytes();

        pair.transfer(1_500_007, content);
        long dataAfterFirst = pair.clientDatagrams();
        long acksAfterFirst = pair.serverDatagrams();
        pair.transfer(2_000_003, content);

        assertEquals(3_500_010, pair.bytesRead());
        assertEquals(3_500_010, content.checked, "every byte read was checked against what was written");
        int payload = config.maxPayload();
        assertTrue(pair.clientDatagrams() - dataAfterFirst >= 2_000_003 / payload,
            "the second transfer needed a DATA datagram per " + payload + " bytes: " + (pair.clientDatagrams() - dataAfterFirst));
        assertTrue(pair.serverDatagrams() > acksAfterFirst, "the server acknowledged the second transfer");
        assertTrue(pair.nowNanos() >= 2 * CoreThroughputBenchmark.ONE_WAY_DELAY_NANOS, "virtual time moved");
    }
}
