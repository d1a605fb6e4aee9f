package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import net.rudp.ConnectionConfig;
import net.rudp.CongestionControl;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.sim.ProfileGen;
import net.rudp.sim.SimNetwork;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The core's central property (issue: "the receiver gets exactly the sender's bytes, in order,
 * once"), over random payloads, chunking and impairments, in the deterministic simulator.
 * Default: 1,000 transfers; {@code -Drudp.tries=10000} for the long run.
 */
class SimulatedTransferTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    /** The property's name: its cases' seeds derive from it (the golden-trace test replays the first ones). */
    static final String PROPERTY = "simulated transfer delivers exactly the bytes sent";
    static final long LIMIT = 20_000 * S;
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();

    /** One case: both payloads, the applications' chunking, the links and the configuration. */
    record Case(int clientBytes, int serverBytes, int writeChunkMax, int readChunkMax, long stallNanos,
                int maxDatagram, int receiveBuffer, CongestionControl cc, ImpairmentProfile forward,
                ImpairmentProfile reverse, long seed) {
        @Override
        public String toString() {
            return "client->server " + clientBytes + " B, server->client " + serverBytes + " B, writes<=" + writeChunkMax
                + ", reads<=" + readChunkMax + ", server reads stall " + stallNanos / MS + " ms, datagram " + maxDatagram
                + ", rcvbuf " + receiveBuffer + ", " + cc + ", forward [" + forward.format() + "], reverse ["
                + reverse.format() + "], seed " + seed;
        }
    }

    static Case anyCase(SplittableRandom r) {
        int[] datagrams = {200, 1200, 1472, 9000, 65507};
        int datagram = datagrams[r.nextInt(datagrams.length)];
        // Megabytes in 162-byte payloads across 50% loss each way outlast any sensible time limit
        // (every RTO recovers a segment or two): tiny datagrams carry at most 100 kB.
        int maxBytes = datagram < 1000 ? 100_000 : Integer.MAX_VALUE;
        return new Case(Math.min(maxBytes, anySize(r)), r.nextInt(4) == 0 ? Math.min(maxBytes, anySize(r)) : 0,
            1 + r.nextInt(r.nextBoolean() ? 64 : 200_000),
            1 + r.nextInt(r.nextBoolean() ? 100 : 300_000), r.nextInt(5) == 0 ? r.nextLong(0, 3 * S) : 0,
            datagram, r.nextBoolean() ? 1 << 22 : r.nextInt(4_096, 200_000),
            CongestionControl.values()[r.nextInt(CongestionControl.values().length)],
            ProfileGen.anyProfile(r), ProfileGen.anyProfile(r), r.nextLong());
    }

    private static int anySize(SplittableRandom r) {
        return switch (r.nextInt(20)) {
            case 0 -> 0;
            case 1 -> r.nextInt(1_000_000, 3_000_000);
            case 2, 3, 4 -> r.nextInt(100_000, 1_000_000);
            default -> r.nextInt(0, 100_000);
        };
    }

    static List<Case> simpler(Case c) {
        List<Case> out = new ArrayList<>();
        if (c.clientBytes() > 0) out.add(new Case(c.clientBytes() / 2, c.serverBytes(), c.writeChunkMax(), c.readChunkMax(),
            c.stallNanos(), c.maxDatagram(), c.receiveBuffer(), c.cc(), c.forward(), c.reverse(), c.seed()));
        if (c.serverBytes() > 0) out.add(new Case(c.clientBytes(), c.serverBytes() / 2, c.writeChunkMax(), c.readChunkMax(),
            c.stallNanos(), c.maxDatagram(), c.receiveBuffer(), c.cc(), c.forward(), c.reverse(), c.seed()));
        if (c.stallNanos() > 0) out.add(new Case(c.clientBytes(), c.serverBytes(), c.writeChunkMax(), c.readChunkMax(),
            0, c.maxDatagram(), c.receiveBuffer(), c.cc(), c.forward(), c.reverse(), c.seed()));
        for (ImpairmentProfile p : ProfileGen.milder(c.forward())) out.add(new Case(c.clientBytes(), c.serverBytes(),
            c.writeChunkMax(), c.readChunkMax(), c.stallNanos(), c.maxDatagram(), c.receiveBuffer(), c.cc(), p, c.reverse(), c.seed()));
        for (ImpairmentProfile p : ProfileGen.milder(c.reverse())) out.add(new Case(c.clientBytes(), c.serverBytes(),
            c.writeChunkMax(), c.readChunkMax(), c.stallNanos(), c.maxDatagram(), c.receiveBuffer(), c.cc(), c.forward(), p, c.seed()));
        return out;
    }

    /**
     * Generous limits: a property case must not fail merely because 50% loss outlasted a timeout.
     * TIME_WAIT, too, must outlast the peer's backed-off retransmissions of data whose ACK was lost.
     */
    static ConnectionConfig configFor(Case c) {
        return ConnectionConfig.builder().maxDatagramSize(c.maxDatagram()).receiveBufferSize(c.receiveBuffer())
            .congestionControl(c.cc()).connectTimeoutNanos(3_600 * S).maxRetransmissions(60).idleTimeoutNanos(0)
            .timeWaitNanos(600 * S).build();
    }

    @Test
    void everyByteArrivesInOrderExactlyOnceAndBothSidesClose() {
        Property.of(PROPERTY, SimulatedTransferTest::anyCase)
            .tries(1_000)
            .shrinkWith(SimulatedTransferTest::simpler)
            .check(c -> {
                RUN.incrementAndGet();
                try {
                    check(c);
                } catch (AssertionError | RuntimeException e) {
                    FAILED.incrementAndGet();
                    throw e;
                }
            });
    }

    /** The transfer of case {@code c} with its configuration, ready to run. */
    static Transfer transfer(Case c, ConnectionConfig config) {
        return new Transfer(new Transfer.Spec(c.clientBytes(), c.serverBytes(), c.writeChunkMax(), c.readChunkMax(),
            c.stallNanos()), config, c.forward(), c.reverse(), c.seed(), null);
    }

    private static void check(Case c) {
        Transfer t = transfer(c, configFor(c));
        var stop = t.run(LIMIT);
        assertTrue(t.serverApp() != null, "the server never accepted the connection");
        assertTrue(t.finished() || stop != SimNetwork.StopReason.TIME_LIMIT, "still running after " + LIMIT / S
            + " simulated seconds: client " + t.clientApp.connection().stats() + ", server " + t.serverApp().connection().stats());
        assertNull(t.clientApp.connection().error(), "client error");
        assertNull(t.serverApp().connection().error(), "server error");
        assertArrayEquals(t.clientPayload, t.serverApp().received(), "server received exactly what the client sent");
        assertArrayEquals(t.serverPayload, t.clientApp.received(), "client received exactly what the server sent");
        assertTrue(t.finished(), "both sides closed: client " + t.clientApp.connection() + ", server " + t.serverApp().connection());
        assertEquals(0, t.client.oversized() + t.server.oversized(), "datagrams above the configured size");
    }

    @AfterAll
    static void summary() {
        // The summary line, one per run of this suite.
        System.out.println("simulated transfers: " + RUN.get() + ", failures: " + FAILED.get());
    }
}
