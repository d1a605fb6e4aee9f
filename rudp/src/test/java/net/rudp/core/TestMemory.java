package net.rudp.core;

/** Receive memory for tests of one connection's parts: a budget they never reach, in small chunks so that segments straddle them. */
final class TestMemory {
    static final int CHUNK = 256;

    private TestMemory() {}

    static ReceiveMemory ample() {
        return new ReceiveMemory(1L << 30, CHUNK);
    }
}
