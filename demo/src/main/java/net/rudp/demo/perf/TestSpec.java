package net.rudp.demo.perf;

import java.time.Duration;

/**
 * What a client asks the server for, as iperf3's test parameters: how many streams which way,
 * for how long or how many bytes, at what rate. Stream {@code 1..streams} carry the test's
 * direction (client to server, or server to client with {@code reverse}); with {@code bidir}
 * streams {@code streams+1..2*streams} carry the other direction at the same time.
 *
 * @param cookie    names the test on its data connections (as iperf3's cookie)
 * @param streams   parallel streams per direction (-P)
 * @param reverse   the server sends, the client receives (-R)
 * @param bidir     both directions at once (--bidir)
 * @param duration  how long each sender sends (-t); unused when {@code bytes > 0}
 * @param bytes     bytes per direction, shared among its streams (-n); 0: send for {@code duration}
 * @param bitrate   each stream's target rate in bits per second (-b); 0: as fast as the transport goes
 * @param blockSize bytes per write (-l)
 */
record TestSpec(String cookie, int streams, boolean reverse, boolean bidir, Duration duration, long bytes,
                long bitrate, int blockSize) {

    /** As iperf3: more parallel streams than this is a mistake, or an attack on the server. */
    static final int MAX_STREAMS = 128;
    /** The largest write; a server allocates one block per stream. */
    static final int MAX_BLOCK = 16 << 20;

    TestSpec {
        if (streams < 1 || streams > MAX_STREAMS || blockSize < 1 || blockSize > MAX_BLOCK || bytes < 0 || bitrate < 0 || duration.isNegative()) {
            throw new IllegalArgumentException("impossible test: " + streams + " streams, blocks of " + blockSize
                + ", " + bytes + " bytes, " + bitrate + " bit/s, " + duration);
        }
    }

    /** Every data connection: one per stream and direction. */
    int totalStreams() {
        return bidir ? 2 * streams : streams;
    }

    /** Whether the client sends on stream {@code id} (else it receives). */
    boolean clientSends(int id) {
        return bidir ? id <= streams : !reverse;
    }

    /** Whether stream {@code id} goes in the test's main direction (the sum iperf3 calls sum_sent/sum_received). */
    boolean forward(int id) {
        return id <= streams;
    }

    /** What stream {@code id}'s sender sends with {@code -n}: its share of its direction's bytes (0 without -n). */
    long bytesFor(int id) {
        int index = (id - 1) % streams;
        return bytes / streams + (index < bytes % streams ? 1 : 0);
    }

    ControlMessage toMessage() {
        return ControlMessage.of("test", "cookie", cookie, "streams", (long) streams, "reverse", reverse, "bidir", bidir,
            "duration_ns", duration.toNanos(), "bytes", bytes, "bitrate", bitrate, "blksize", (long) blockSize);
    }

    /** @throws IllegalArgumentException if {@code m} does not describe a test */
    static TestSpec of(ControlMessage m) {
        return new TestSpec(m.text("cookie"), Math.toIntExact(m.number("streams")), m.flag("reverse"), m.flag("bidir"),
            Duration.ofNanos(m.number("duration_ns")), m.number("bytes"), m.number("bitrate"),
            Math.toIntExact(m.number("blksize")));
    }
}
