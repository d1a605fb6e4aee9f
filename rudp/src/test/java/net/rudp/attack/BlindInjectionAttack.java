package net.rudp.attack;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Blind injection (spec 18, "Off-path attackers"): while real clients transfer, an attacker who
 * knows both addresses and ports, but sees no packet, forges RST, DATA, FIN and ACK packets from
 * each side's address to the other, guessing conn ids and sequence numbers. Each transfer
 * checks its SHA-256 end to end, so a forgery that was accepted shows as a reset, a corrupt
 * stream or a stall.
 *
 * @param forgeries  forged datagrams to send
 * @param perSecond  their rate
 * @param workers    clients, each through its own spoofing relay, transferring in a loop
 */
record BlindInjectionAttack(int forgeries, int perSecond, int workers, int transferBytes, long seed) {

    static BlindInjectionAttack sized() {
        return new BlindInjectionAttack(AttackScale.size("forgeries", 60_000, 600_000), 20_000, 3,
            AttackScale.size("injectTransferBytes", 2 << 20, 30 << 20), 7);
    }

    record Result(long forged, List<VerifiedTransfer> transfers) {
        /** Transfers a forgery got into: reset, corrupted or stalled. */
        long damaged() {
            return transfers.stream().filter(t -> !t.intact()).count();
        }

        String line() {
            return String.format("blind injection: %,d forged RST/DATA/FIN/ACK with guessed ids and seqs during %d verified "
                + "transfers: %d damaged (accepted forgeries)%s", forged, transfers.size(), damaged(),
                damaged() == 0 ? "" : "; first failure: " + transfers.stream().filter(t -> !t.intact()).findFirst().orElseThrow().failure());
        }
    }

    Result run() throws Exception {
        List<SpoofingRelay> relays = new ArrayList<>();
        try (Target target = new Target(Target.Mode.DIGEST);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) relays.add(new SpoofingRelay(target.address()));
            AtomicBoolean injecting = new AtomicBoolean(true);
            List<Future<List<VerifiedTransfer>>> loops = new ArrayList<>();
            for (SpoofingRelay relay : relays) {
                InetSocketAddress via = relay.address();
                loops.add(threads.submit(() -> transferWhile(via, injecting)));
            }
            long forged = inject(relays);
            injecting.set(false);
            List<VerifiedTransfer> transfers = new ArrayList<>();
            for (Future<List<VerifiedTransfer>> f : loops) transfers.addAll(f.get());
            return new Result(forged, transfers);
        } finally {
            for (SpoofingRelay r : relays) r.close();
        }
    }

    private List<VerifiedTransfer> transferWhile(InetSocketAddress server, AtomicBoolean injecting) {
        List<VerifiedTransfer> done = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(seed + server.getPort());
        do {
            done.add(VerifiedTransfer.run(server, transferBytes, seeds.nextLong(), 10_000));
        } while (injecting.get());
        return done;
    }

    private long inject(List<SpoofingRelay> relays) {
        SplittableRandom random = new SplittableRandom(seed);
        long intervalNanos = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        for (int i = 0; i < forgeries; i++) {
            byte[] forgery = forge(random);
            SpoofingRelay relay = relays.get(i % relays.size());
            if (random.nextBoolean()) relay.injectToServer(forgery);
            else relay.injectToClient(forgery);
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0 && (i & 15) == 15) LockSupport.parkNanos(wait);
        }
        return forgeries;
    }

    private static byte[] forge(SplittableRandom random) {
        var f = new Wire.Fields(0, 0, random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(),
            random.nextInt(1 << 22), random.nextInt(), 0);
        return switch (random.nextInt(4)) {
            case 0 -> Wire.rst(f, 1 + random.nextInt(5));
            case 1 -> {
                byte[] payload = new byte[1 + random.nextInt(1_162)];
                random.nextBytes(payload);
                yield Wire.data(f, payload);
            }
            case 2 -> Wire.bare(f.withType(Wire.FIN));
            default -> Wire.ack(f);
        };
    }
}
