package net.rudp.attack;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Reflection factors: bytes the server sends to an address that never proved it is there, per
 * byte received "from" it (RFC 9000 8.1 allows at most 3). Each attack sends from a socket that
 * plays the victim whose address is spoofed, and counts what arrives there.
 */
final class ReflectionAttack {
    private ReflectionAttack() {}

    /** What one reflection attack sent and what came back to the spoofed address. */
    record Result(String what, long datagramsSent, long bytesSent, long datagramsBack, long bytesBack) {
        double factor() {
            return bytesSent == 0 ? 0 : (double) bytesBack / bytesSent;
        }

        String line() {
            return String.format("reflection %s: sent %,d datagrams (%,d bytes), got back %,d datagrams (%,d bytes): %.2fx",
                what, datagramsSent, bytesSent, datagramsBack, bytesBack, factor());
        }
    }

    /**
     * Spoofed SYNs, fewer than the backlog, never completed: every SYN_ACK and its
     * retransmissions reach the victim until the server's connect timeout (10 s) ends the call.
     */
    static Result synAck(int syns) throws Exception {
        try (Target target = new Target(Target.Mode.DIGEST, syns + 10); AttackSocket victim = new AttackSocket(201)) {
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < syns; i++) victim.send(target.address(), Wire.syn(1 + i, random.nextInt(), 1162, 1 << 22, 0));
            return counted("SYN_ACK (" + syns + " spoofed SYNs, counted for 11 s)", victim, SynFloodAttack.LINGER_MILLIS);
        }
    }

    /** Spoofed 36-byte PROBEs for connections that do not exist, at {@code perSecond}: each may draw an RST(NO_CONNECTION). */
    static Result noConnectionReset(int probes, int perSecond) throws Exception {
        try (Target target = new Target(Target.Mode.DIGEST); AttackSocket victim = new AttackSocket(202)) {
            SplittableRandom random = new SplittableRandom(2);
            long interval = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            for (int i = 0; i < probes; i++) {
                var f = new Wire.Fields(Wire.PROBE, 0, random.nextInt() | 1, random.nextInt(), random.nextInt(), random.nextInt(), 0, 0, 0);
                victim.send(target.address(), Wire.bare(f));
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                victim.drain(0);
            }
            return counted("RST(NO_CONNECTION) (" + probes + " PROBEs at " + perSecond + "/s)", victim, 500);
        }
    }

    /**
     * A peer's connection holds {@code gaps} gaps at the server (1-byte segments at offsets 2, 4,
     * ...); then 36-byte datagrams with a bad CRC arrive "from" the peer's address, spaced by
     * {@code spacingMillis} (more than an SRTT on loopback). Counts the CORRUPT_SEEN NACKs they
     * draw (spec 6.2).
     */
    static Result corruptSeenNack(int gaps, int corrupt, int spacingMillis) throws Exception {
        try (Target target = new Target(Target.Mode.DIGEST); AttackSocket victim = new AttackSocket(203)) {
            RawConnection c = RawConnection.open(victim, target.address(), 77, 12_345, 2_000);
            if (c == null) throw new AssertionError("handshake failed before any attack");
            for (int i = 1; i <= gaps; i++) c.send(c.data(2L * i, new byte[] {1}));
            victim.drain(200);
            long sentBefore = victim.bytesSent(), datagramsBefore = victim.datagramsSent();
            SplittableRandom random = new SplittableRandom(3);
            long nacks = 0, nackBytes = 0;
            for (int i = 0; i < corrupt; i++) {
                byte[] garbage = new byte[Wire.MIN];
                random.nextBytes(garbage);
                victim.send(target.address(), garbage);
                long until = System.nanoTime() + spacingMillis * 1_000_000L;
                for (byte[] d; (d = victim.receive(Math.max(1, (until - System.nanoTime()) / 1_000_000))) != null
                        || System.nanoTime() < until; ) {
                    if (d != null && Wire.type(d) == Wire.NACK && (d[Wire.OFF_FLAGS] & Wire.FLAG_CORRUPT_SEEN) != 0) {
                        nacks++;
                        nackBytes += d.length;
                    }
                }
            }
            return new Result("CORRUPT_SEEN NACK (" + gaps + " gaps held, " + corrupt + " bad-CRC datagrams)",
                victim.datagramsSent() - datagramsBefore, victim.bytesSent() - sentBefore, nacks, nackBytes);
        }
    }

    private static Result counted(String what, AttackSocket victim, long quietMillis) {
        long until = System.nanoTime() + quietMillis * 1_000_000;
        while (System.nanoTime() < until) victim.receive(Math.max(1, (until - System.nanoTime()) / 1_000_000));
        return new Result(what, victim.datagramsSent(), victim.bytesSent(), victim.datagramsReceived(), victim.bytesReceived());
    }
}
