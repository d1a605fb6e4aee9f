package net.rudp.attack;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/**
 * The server's cost per datagram with a bad CRC, with no connection and with {@code
 * connections} idle ones from another address: spec 6.2 looks for the connection of the
 * datagram's source address, and if that lookup walks every connection, a flood of garbage
 * costs more the busier the server is. Garbage comes from an address with no connection (no
 * NACK is due); the probe after each batch is a PROBE on a connection of a third address,
 * answered at once with an ACK that echoes the probe's TSval (an RST for an unknown connection
 * would do, but those are rate-limited per source, spec 13.1).
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
             AttackSocket peers = new AttackSocket(71);
             AttackSocket probes = new AttackSocket(72)) {
            InetSocketAddress server = target.address();
            RawConnection marker = RawConnection.open(probes, server, 0x5eed, 77, 2_000);
            if (marker == null) throw new AssertionError("the probe connection did not open");
            probes.drain(100);
            double idle = microsPerDatagram(garbage, marker);
            SplittableRandom random = new SplittableRandom(6);
            int opened = 0;
            for (int i = 0; i < connections; i++) {
                if (RawConnection.open(peers, server, 1 + i, random.nextInt(), 2_000) != null) opened++;
                if ((i & 1023) == 1023) peers.drain(0);
            }
            peers.drain(0);
            double loaded = microsPerDatagram(garbage, marker);
            return new Result(opened, idle, loaded);
        }
    }

    /** The median over batches of (batch time / batch size), after one warm-up batch in ten. */
    private double microsPerDatagram(AttackSocket socket, RawConnection marker) {
        InetSocketAddress server = marker.server();
        SplittableRandom random = new SplittableRandom(8);
        byte[] junk = new byte[Wire.MIN];
        int batches = Math.max(2, datagrams / batch);
        long[] nanos = new long[batches];
        for (int b = 0; b < batches; b++) {
            int tag = 0x7000_0000 + b;
            byte[] probe = Wire.bare(marker.header(0, 0).withType(Wire.PROBE).withTsval(tag));
            nanos[b] = BatchTimer.time(marker.socket(), () -> {
                for (int i = 0; i < batch; i++) {
                    random.nextBytes(junk);
                    socket.send(server, junk);
                }
            }, () -> marker.send(probe), d -> Wire.type(d) == Wire.ACK && Wire.u32(d, Wire.OFF_TSECR) == tag, 2_000);
        }
        return new Percentiles(java.util.Arrays.stream(nanos, batches / 10, batches).filter(n -> n > 0).toArray()).at(50) / 1e3 / batch;
    }
}
