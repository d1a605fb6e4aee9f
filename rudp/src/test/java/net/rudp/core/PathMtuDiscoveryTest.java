package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionStats;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.sim.SimEvent;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Flags;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import org.junit.jupiter.api.Test;

/** Path MTU discovery (spec 9.13) in simulated time: the datagram size follows the path down and back up. */
class PathMtuDiscoveryTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final int JUMBO = 8_972;
    private static final int ETHERNET = 1_472;
    /** 400 kbit/s with a second of queue: a transfer that outlasts the 600 s raise timer stays small. */
    private static final ImpairmentProfile SLOW = ImpairmentProfile.NONE.withDelay(10 * MS, 0).withRate(400_000, S);
    private static final ConnectionConfig LOOPBACK_CEILING = ConnectionConfig.builder()
        .maxDatagramSize(ConnectionConfig.MAX_DATAGRAM).pathMtuDiscovery(true).build();

    private static Transfer transfer(int bytes, ConnectionConfig config) {
        return new Transfer(new Transfer.Spec(bytes, 0, 1 << 16, 1 << 16, 0), config, SLOW, SLOW, 31, null);
    }

    private static int datagramSize(Transfer t) {
        return t.clientApp.connection().stats().datagramSize();
    }

    @Test
    void theDatagramSizeFollowsThePathDownAndBackUpAndTheTransferCompletes() {
        Transfer t = transfer(48 << 20, LOOPBACK_CEILING);
        List<Integer> dataSizes = new ArrayList<>();
        t.net.setTrace((now, event, from, to, datagram) -> {
            if (event == SimEvent.SENT && from.equals(Transfer.CLIENT) && PacketCodec.decode(datagram.duplicate())
                instanceof DecodeResult.Ok ok && ok.packet() instanceof Packet.Data) dataSizes.add(datagram.remaining());
        });
        t.net.setMtus(Transfer.CLIENT, Transfer.SERVER, JUMBO);
        t.net.run(() -> t.clientApp.connection() != null && datagramSize(t) == JUMBO, 30 * S);
        assertEquals(JUMBO, datagramSize(t), "the search found the jumbo path");
        assertTrue(t.net.droppedTooBig() > 0, "probes above it were dropped on the way");
        assertEquals(0, t.clientApp.connection().stats().packetsLost(), "lost probes are no data loss");

        t.net.runFor(10 * S);
        t.net.setMtus(Transfer.CLIENT, Transfer.SERVER, ETHERNET);
        t.net.run(() -> datagramSize(t) < JUMBO, 60 * S);
        assertEquals(PathMtu.BASE_DATAGRAM, datagramSize(t), "a black hole: back to the base size");
        t.net.run(() -> datagramSize(t) == ETHERNET, 60 * S);
        assertEquals(ETHERNET, datagramSize(t), "and the search finds the new path MTU");
        t.net.runFor(S);
        dataSizes.clear();
        t.net.runFor(10 * S);
        assertEquals(ETHERNET, dataSizes.stream().mapToInt(Integer::intValue).max().orElseThrow(),
            "new data goes in datagrams of that size, and none larger");

        t.net.setMtus(Transfer.CLIENT, Transfer.SERVER, JUMBO);
        t.net.run(() -> datagramSize(t) == JUMBO, (PathMtu.RAISE_SECONDS + 60) * S);
        assertEquals(JUMBO, datagramSize(t), "the raise timer found the larger path again");

        t.run(3_600 * S);
        assertTrue(t.finished(), "the transfer completes");
        assertArrayEquals(t.clientPayload, t.serverApp().received(), "every byte, in order");
    }

    @Test
    void withoutDiscoveryTheConfiguredSizeIsSentFromTheStartAndNothingIsProbed() {
        Transfer t = transfer(1 << 20, LOOPBACK_CEILING.withPathMtuDiscovery(false));
        List<Packet> probes = new ArrayList<>();
        t.net.setTrace((now, event, from, to, datagram) -> {
            if (event == SimEvent.SENT && PacketCodec.decode(datagram.duplicate()) instanceof DecodeResult.Ok ok
                && ok.packet() instanceof Packet.Probe p && (p.header().flags() & Flags.PATH_MTU) != 0) probes.add(p);
        });
        t.run(600 * S);
        assertTrue(t.finished());
        assertArrayEquals(t.clientPayload, t.serverApp().received());
        ConnectionStats stats = t.clientApp.connection().stats();
        assertEquals(ConnectionConfig.MAX_DATAGRAM, stats.datagramSize());
        assertEquals(List.of(), probes);
    }
}
