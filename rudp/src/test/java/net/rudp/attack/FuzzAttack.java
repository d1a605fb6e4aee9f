package net.rudp.attack;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Fuzzing during verified transfers: a corpus of real packets is recorded from a live transfer,
 * then hostile datagrams go to the server while real clients transfer and check SHA-256
 * digests. The mix: mutations of real packets with a recomputed (valid) CRC sent from spoofed
 * sources; the same rewritten onto connections the attacker opened itself, so they reach the
 * connection state machine; mutations with a broken CRC from a connected peer (the CORRUPT_SEEN
 * path); structured packets with random fields; random bytes. After the flood a fresh client
 * must still connect and transfer: an endpoint that died would fail it.
 *
 * @param datagrams       hostile datagrams to send
 * @param perSecond       their rate
 * @param workers         clients transferring in a loop while the fuzzer runs
 * @param transferBytes   bytes per verified transfer
 */
record FuzzAttack(int datagrams, int perSecond, int workers, int transferBytes, long seed) {

    static FuzzAttack sized() {
        return new FuzzAttack(AttackScale.size("datagrams", 100_000, 1_000_000), AttackScale.size("fuzzRate", 25_000, 25_000),
            2, AttackScale.size("fuzzTransferBytes", 1 << 20, 30 << 20), 13);
    }

    /** @param transfers every verified transfer: those during the flood, then one after it */
    record Result(long sent, List<VerifiedTransfer> transfers, VerifiedTransfer after, long accepted, double seconds) {
        long intact() {
            return transfers.stream().filter(VerifiedTransfer::intact).count();
        }

        String line() {
            return String.format("fuzz: %,d hostile datagrams in %.1f s during %d verified transfers: %d intact; "
                    + "afterwards a new client %s; server accepted %d connections",
                sent, seconds, transfers.size(), intact(), after.intact() ? "transferred intact" : "FAILED: " + after.failure(), accepted);
        }
    }

    Result run() throws Exception {
        try (Target target = new Target(Target.Mode.DIGEST, 1_000);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<byte[]> corpus = record(target.address());
            AtomicBoolean fuzzing = new AtomicBoolean(true);
            List<Future<List<VerifiedTransfer>>> loops = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                loops.add(threads.submit(() -> transferWhile(target.address(), fuzzing, worker)));
            }
            long start = System.nanoTime();
            long sent = flood(target.address(), corpus);
            double seconds = (System.nanoTime() - start) / 1e9;
            fuzzing.set(false);
            List<VerifiedTransfer> transfers = new ArrayList<>();
            for (Future<List<VerifiedTransfer>> f : loops) transfers.addAll(f.get());
            VerifiedTransfer after = VerifiedTransfer.run(target.address(), transferBytes, seed + 99, 10_000);
            return new Result(sent, transfers, after, target.acceptedCount(), seconds);
        }
    }

    /** Real packets, both directions, from one transfer through a recording relay. */
    private List<byte[]> record(InetSocketAddress server) throws Exception {
        try (SpoofingRelay relay = new SpoofingRelay(server)) {
            VerifiedTransfer t = VerifiedTransfer.run(relay.address(), 256 * 1024, seed, 10_000);
            if (!t.intact()) throw new AssertionError("recording transfer failed before any attack: " + t.failure());
            return relay.recorded();
        }
    }

    private List<VerifiedTransfer> transferWhile(InetSocketAddress server, AtomicBoolean fuzzing, int worker) {
        List<VerifiedTransfer> done = new ArrayList<>();
        do {
            done.add(VerifiedTransfer.run(server, transferBytes, seed * 1_000 + worker * 100 + done.size(), 10_000));
        } while (fuzzing.get());
        return done;
    }

    private long flood(InetSocketAddress server, List<byte[]> corpus) {
        Mutator m = new Mutator(seed);
        List<AttackSocket> spoofed = new ArrayList<>();
        List<RawConnection> peers = new ArrayList<>();
        try {
            for (int host = 20; host < 36; host++) spoofed.add(new AttackSocket(host));
            for (int i = 0; i < 8; i++) {
                RawConnection c = RawConnection.open(spoofed.get(i), server, 0x5000 + i, m.nextInt(1 << 30), 2_000);
                if (c != null) peers.add(c);
            }
            long intervalNanos = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            for (int i = 0; i < datagrams; i++) {
                sendOne(m, server, corpus, spoofed, peers);
                if ((i & 255) == 255) spoofed.forEach(s -> s.drain(0));
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0 && (i & 15) == 15) LockSupport.parkNanos(wait);
            }
            return spoofed.stream().mapToLong(AttackSocket::datagramsSent).sum() - 2L * peers.size();
        } finally {
            spoofed.forEach(AttackSocket::close);
        }
    }

    private static void sendOne(Mutator m, InetSocketAddress server, List<byte[]> corpus,
                                List<AttackSocket> spoofed, List<RawConnection> peers) {
        byte[] real = corpus.get(m.nextInt(corpus.size()));
        int kind = m.nextInt(100);
        if (kind < 25 && !peers.isEmpty()) {
            RawConnection peer = peers.get(m.nextInt(peers.size()));
            peer.send(m.mutate(onto(peer, real, m), kind >= 15));
            return;
        }
        byte[] d;
        if (kind < 65) d = m.mutate(real, true);
        else if (kind < 75) d = m.mutate(real, false);
        else if (kind < 88) d = m.structured();
        else d = m.randomBytes(m.nextInt(1_300));
        spoofed.get(m.nextInt(spoofed.size())).send(server, d);
    }

    /** {@code real} rewritten as a packet of {@code peer}'s: its ids, sequence numbers near its own. */
    private static byte[] onto(RawConnection peer, byte[] real, Mutator m) {
        byte[] d = real.clone();
        if (d.length < Wire.MIN) return d;
        Wire.Fields f = peer.header(m.nextInt(1 << 16), 0);
        Wire.putInt(d, Wire.OFF_DST, f.dst());
        Wire.putInt(d, Wire.OFF_SRC, f.src());
        Wire.putInt(d, Wire.OFF_SEQ, f.seq());
        Wire.putInt(d, Wire.OFF_ACK, f.ack());
        return d;
    }
}
