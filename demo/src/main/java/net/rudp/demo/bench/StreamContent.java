package net.rudp.demo.bench;

import java.nio.ByteBuffer;

/**
 * What the bytes of an {@link InMemoryPair}'s stream are: the writer fills its chunk buffer, the
 * reader checks each chunk read. A benchmark leaves both empty (the chunk keeps whatever it holds,
 * nothing is checked) so that it measures the protocol alone; a test fills and checks.
 */
interface StreamContent {
    /** Fills {@code chunk} from its position to its limit with the stream's bytes from {@code streamOffset} on. */
    void fill(ByteBuffer chunk, long streamOffset);

    /** Checks the bytes of {@code chunk} (position to limit), which the reader got at {@code streamOffset}. */
    void check(ByteBuffer chunk, long streamOffset);

    /** Neither fills nor checks: the cost of the protocol without the application's. */
    StreamContent UNCHECKED = new StreamContent() {
        @Override
        public void fill(ByteBuffer chunk, long streamOffset) { }

        @Override
        public void check(ByteBuffer chunk, long streamOffset) { }
    };
}
