package net.rudp.attack;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.rudp.ConnectionConfig;

/**
 * Memory per attacker connection: handshake, then ONE 1-byte DATA segment, on new connection
 * after new connection, with heap measured after a collection as they pile up. With {@code
 * farEdge} the byte sits at the far edge of the receive window the server announced (what costs
 * the server most if it allocates for the whole window), and a PROBE then asks the server
 * whether it holds the byte (its ACK SACKs it or not, spec 9.4, 10.5); without, at offset 0 (an
 * idle connection holding one in-order byte: what a plain connection flood costs). The run stops
 * early when live heap passes {@code stopAtHeapFraction} of the maximum, so measuring never kills
 * the test JVM. Afterwards a real client must still connect and transfer.
 *
 * @param server the server's configuration: its receive memory budget and connection limit
 */
record ConnectionMemoryAttack(int connections, boolean farEdge, double stopAtHeapFraction, long seed, ConnectionConfig server) {

    private static final int SOCKETS = 16;

    static ConnectionMemoryAttack atFarEdge() {
        return new ConnectionMemoryAttack(AttackScale.size("connections", 2_000, 20_000), true, 0.5, 3, ConnectionConfig.DEFAULT);
    }

    /** The far-edge attack against a server whose receive memory budget is {@code budget} bytes. */
    static ConnectionMemoryAttack atFarEdgeWithBudget(long budget) {
        return new ConnectionMemoryAttack(AttackScale.size("connections", 2_000, 20_000), true, 0.5, 5,
            ConnectionConfig.builder().receiveMemoryBudget(budget).build());
    }

    static ConnectionMemoryAttack inOrder() {
        return new ConnectionMemoryAttack(AttackScale.size("idleConnections", 2_500, 30_000), false, 0.5, 4, ConnectionConfig.DEFAULT);
    }

    /**
     * @param opened    connections that completed the handshake
     * @param refused   handshakes the server refused or did not answer
     * @param held      far-edge bytes the server SACKed: stored in its memory
     * @param stoppedAt non-null if the run stopped early, with why
     */
    record Result(boolean farEdge, long budget, int opened, int refused, int held, long datagrams, long attackerBytes,
                  long heapBefore, long heapAfter, long heapMax, String stoppedAt, VerifiedTransfer after) {
        long perConnection() {
            return opened == 0 ? 0 : (heapAfter - heapBefore) / opened;
        }

        String line() {
            return String.format("%s%s: %,d connections opened (%d refused) with %,d datagrams (%,d bytes) from the attacker%s: "
                    + "live heap %s -> %s (max %s), %,d bytes per connection%s; afterwards a new client %s",
                farEdge ? "far-edge memory" : "idle connections", budget > 0 ? " (budget " + HeapGauge.mib(budget) + ")" : "",
                opened, refused, datagrams, attackerBytes,
                farEdge ? String.format(", the server holds %,d of the far-edge bytes", held) : "",
                HeapGauge.mib(heapBefore), HeapGauge.mib(heapAfter), HeapGauge.mib(heapMax), perConnection(),
                stoppedAt == null ? "" : " (stopped: " + stoppedAt + ")",
                after.intact() ? "connected in " + after.connectMillis() + " ms and transferred intact" : "FAILED: " + after.failure());
        }
    }

    Result run() throws Exception {
        List<AttackSocket> sockets = new ArrayList<>();
        try (Target target = new Target(Target.Mode.DIGEST, 1_000, server)) {
            InetSocketAddress address = target.address();
            for (int i = 0; i < SOCKETS; i++) sockets.add(new AttackSocket(40 + i));
            long before = HeapGauge.liveBytes();
            long max = HeapGauge.maxBytes();
            SplittableRandom random = new SplittableRandom(seed);
            int opened = 0, refused = 0, held = 0;
            String stopped = null;
            for (int i = 0; i < connections && stopped == null; i++) {
                AttackSocket s = sockets.get(i % SOCKETS);
                RawConnection c = RawConnection.open(s, address, 1 + i, random.nextInt(), 2_000);
                if (c == null) {
                    refused++;
                    continue;
                }
                opened++;
                long offset = farEdge ? Integer.toUnsignedLong(c.window()) - 1 : 0;
                c.send(c.data(offset, new byte[] {42}));
                if (farEdge && holds(c.sackedRanges(2_000), offset)) held++;
                if ((i & 1023) == 1023) sockets.forEach(x -> x.drain(0));
                if (HeapGauge.usedBytes() > stopAtHeapFraction * max && HeapGauge.liveBytes() > stopAtHeapFraction * max) {
                    stopped = "live heap above " + (int) (100 * stopAtHeapFraction) + "% of max after " + opened + " connections";
                }
            }
            long after = HeapGauge.liveBytes();
            VerifiedTransfer real = VerifiedTransfer.run(address, 256 * 1024, seed, 5_000);
            long datagrams = sockets.stream().mapToLong(AttackSocket::datagramsSent).sum();
            long bytes = sockets.stream().mapToLong(AttackSocket::bytesSent).sum();
            return new Result(farEdge, server.receiveMemoryBudget(), opened, refused, held, datagrams, bytes, before, after, max,
                stopped, real);
        } finally {
            sockets.forEach(AttackSocket::close);
        }
    }

    private static boolean holds(long[][] sacked, long offset) {
        if (sacked == null) return false;
        for (long[] r : sacked) {
            if (r[0] <= offset && offset < r[1]) return true;
        }
        return false;
    }
}
