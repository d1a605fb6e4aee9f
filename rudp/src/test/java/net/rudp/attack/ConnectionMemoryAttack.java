package net.rudp.attack;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Memory per attacker connection: handshake, then ONE 1-byte DATA segment, on new connection
 * after new connection, with heap measured after a collection as they pile up. With {@code
 * farEdge} the byte sits at the far edge of the receive window the server announced (what costs
 * the server most if it allocates for the whole window); without, at offset 0 (an idle
 * connection holding one in-order byte: what a plain connection flood costs, and how many
 * connections one endpoint takes: today there is no limit). The run stops early when live heap
 * passes {@code stopAtHeapFraction} of the maximum, so measuring never kills the test JVM.
 * Afterwards a real client must still connect and transfer.
 */
record ConnectionMemoryAttack(int connections, boolean farEdge, double stopAtHeapFraction, long seed) {

    private static final int SOCKETS = 16;

    static ConnectionMemoryAttack atFarEdge() {
        return new ConnectionMemoryAttack(AttackScale.size("connections", 2_000, 20_000), true, 0.5, 3);
    }

    static ConnectionMemoryAttack inOrder() {
        return new ConnectionMemoryAttack(AttackScale.size("idleConnections", 2_500, 30_000), false, 0.5, 4);
    }

    /**
     * @param opened    connections that completed the handshake
     * @param refused   handshakes the server refused or did not answer
     * @param stoppedAt non-null if the run stopped early, with why
     */
    record Result(boolean farEdge, int opened, int refused, long datagrams, long attackerBytes, long heapBefore,
                  long heapAfter, long heapMax, String stoppedAt, VerifiedTransfer after) {
        long perConnection() {
            return opened == 0 ? 0 : (heapAfter - heapBefore) / opened;
        }

        String line() {
            return String.format("%s: %,d connections opened (%d refused) with %,d datagrams (%,d bytes) from the attacker: "
                    + "live heap %s -> %s (max %s), %,d bytes per connection%s; afterwards a new client %s",
                farEdge ? "far-edge memory" : "idle connections", opened, refused, datagrams, attackerBytes,
                HeapGauge.mib(heapBefore), HeapGauge.mib(heapAfter), HeapGauge.mib(heapMax), perConnection(),
                stoppedAt == null ? "" : " (stopped: " + stoppedAt + ")",
                after.intact() ? "connected in " + after.connectMillis() + " ms and transferred intact" : "FAILED: " + after.failure());
        }
    }

    Result run() throws Exception {
        List<AttackSocket> sockets = new ArrayList<>();
        try (Target target = new Target(Target.Mode.DIGEST, 1_000)) {
            InetSocketAddress server = target.address();
            for (int i = 0; i < SOCKETS; i++) sockets.add(new AttackSocket(40 + i));
            long before = HeapGauge.liveBytes();
            long max = HeapGauge.maxBytes();
            SplittableRandom random = new SplittableRandom(seed);
            int opened = 0, refused = 0;
            String stopped = null;
            for (int i = 0; i < connections && stopped == null; i++) {
                AttackSocket s = sockets.get(i % SOCKETS);
                RawConnection c = RawConnection.open(s, server, 1 + i, random.nextInt(), 2_000);
                if (c == null) {
                    refused++;
                    continue;
                }
                opened++;
                c.send(c.data(farEdge ? Integer.toUnsignedLong(c.window()) - 1 : 0, new byte[] {42}));
                if ((i & 1023) == 1023) sockets.forEach(x -> x.drain(0));
                if (HeapGauge.usedBytes() > stopAtHeapFraction * max && HeapGauge.liveBytes() > stopAtHeapFraction * max) {
                    stopped = "live heap above " + (int) (100 * stopAtHeapFraction) + "% of max after " + opened + " connections";
                }
            }
            long after = HeapGauge.liveBytes();
            VerifiedTransfer real = VerifiedTransfer.run(server, 256 * 1024, seed, 5_000);
            long datagrams = sockets.stream().mapToLong(AttackSocket::datagramsSent).sum();
            long bytes = sockets.stream().mapToLong(AttackSocket::bytesSent).sum();
            return new Result(farEdge, opened, refused, datagrams, bytes, before, after, max, stopped, real);
        } finally {
            sockets.forEach(AttackSocket::close);
        }
    }
}
