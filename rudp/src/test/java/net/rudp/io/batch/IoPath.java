package net.rudp.io.batch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;

/** The two implementations every socket test of this package runs against. */
enum IoPath {
    PLAIN {
        @Override
        BatchedUdpSocket open(InetSocketAddress local, UdpSocketConfig config) throws IOException {
            return BatchedUdpSockets.openPlain(local, config);
        }
    },
    FAST {
        @Override
        BatchedUdpSocket open(InetSocketAddress local, UdpSocketConfig config) throws IOException {
            assumeAvailable();
            return BatchedUdpSockets.openFast(local, config);
        }

        @Override
        void assumeAvailable() {
            assumeTrue(BatchedUdpSockets.fastPathChosen(), () -> "no fast path here: " + BatchedUdpSockets.status());
        }
    };

    /** Skips the test where this path cannot run (called by {@link #open}; call it first where an open is expected to fail). */
    void assumeAvailable() {}

    abstract BatchedUdpSocket open(InetSocketAddress local, UdpSocketConfig config) throws IOException;

    BatchedUdpSocket open(InetSocketAddress local) throws IOException {
        return open(local, UdpSocketConfig.DEFAULT);
    }
}
