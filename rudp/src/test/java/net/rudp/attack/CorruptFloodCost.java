package net.rudp.attack;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/**
 * The server's cost per datagram with a bad CRC, with no connection and with {@code
 * connections} idle ones from another address: spec 6.2 looks for the connection of the
 * datagram's source address, and if that lookup walks every connection, a flood of garbage
 * costs more the busier the server is. Garbage comes from an address with no connection (no
 * NACK is due); the probe after each batch is a PROBE for an unknown connection, answered by an
 * RST(NO_CONNECTION) with the probe's ids swapped.
 */
record CorruptFloodCost(int connections, int datagrams, int batch) {

    static CorruptFloodCost sized() {
        return new CorruptFloodCost(AttackScale.size("corruptConnections", 2_000, 20_000),
            AttackScale.size("corruptDatagrams", 50_000, 200_000), 500);
    }

    record Result(int connections, double microsIdle, double microsLoaded) {
        String line() {
            return String.format("bad-checksum flood: %.2f us per corrupt datagram with 0 connections, %.2f us with %,d: %.1fx",
                microsIdle, microsLoaded, connections, microsLoaded / microsIdle);
        }
    }

    Result run() throws Exception {
        try (Target target = new Target(Target.Mode.DIGEST, 1_000);
             AttackSocket garbage = new AttackSocket(70);
             AttackSocket peers = new AttackSocket(71)) {
            InetSocketAddress server = target.address();
            double idle = microsPerDatagram(garbage, server);
            SplittableRandom random = new SplittableRandom(6);
            int opened = 0;
            for (int i = 0; i < connections; i++) {
                if (RawConnection.open(peers, server, 1 + i, random.nextInt(), 2_000) != null) opened++;
                if ((i & 1023) == 1023) peers.drain(0);
            }
            peers.drain(0);
            double loaded = microsPerDatagram(garbage, server);
            return new Result(opened, idle, loaded);
        }
    }

    /** The median over batches of (batch time / batch size), after one warm-up batch in ten. */
    private double microsPerDatagram(AttackSocket socket, InetSocketAddress server) {
        SplittableRandom random = new SplittableRandom(8);
        byte[] junk = new byte[Wire.MIN];
        int batches = Math.max(2, datagrams / batch);
        long[] nanos = new long[batches];
        for (int b = 0; b < batches; b++) {
            int marker = 0x7000_0000 + b;
            var probe = Wire.bare(new Wire.Fields(Wire.PROBE, 0, random.nextInt() | 1, marker, 0, 0, 0, 0, 0));
            nanos[b] = BatchTimer.time(socket, () -> {
                for (int i = 0; i < batch; i++) {
                    random.nextBytes(junk);
                    socket.send(server, junk);
                }
            }, () -> socket.send(server, probe), d -> Wire.type(d) == Wire.RST && Wire.u32(d, Wire.OFF_DST) == marker, 2_000);
        }
        return new Percentiles(java.util.Arrays.stream(nanos, batches / 10, batches).filter(n -> n > 0).toArray()).at(50) / 1e3 / batch;
    }
}
