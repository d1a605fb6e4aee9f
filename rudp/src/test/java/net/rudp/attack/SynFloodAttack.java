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
 * A spoofed call-request flood: well-formed SYNs from many 127.0.0.x sources that never
 * complete the handshake, while a real client connects again and again and transfers. Measures
 * the client's connect latency and failures, the server's heap growth, and what the spoofed
 * sources received (every SYN_ACK, retransmissions included, and every RST) against what they
 * sent: the reflection factor a victim of the spoofing would see. The spoofed sockets keep
 * counting for {@link #LINGER_MILLIS} after the flood, past the server's 10 s connect timeout.
 *
 * @param perSecond  SYNs per second
 * @param seconds    how long the flood lasts
 * @param sources    spoofed source addresses (127.0.0.100 on)
 */
record SynFloodAttack(int perSecond, int seconds, int sources, long seed) {

    static final long LINGER_MILLIS = 11_000;

    static SynFloodAttack sized() {
        return new SynFloodAttack(AttackScale.size("synRate", 10_000, 10_000), AttackScale.size("synSeconds", 10, 10),
            AttackScale.size("synSources", 64, 128), 5);
    }

    record Result(long syns, long spoofedBytesSent, long spoofedBytesReceived, long datagramsToSpoofed,
                  List<VerifiedTransfer> clients, long heapBefore, long heapAtEnd) {
        double reflection() {
            return spoofedBytesSent == 0 ? 0 : (double) spoofedBytesReceived / spoofedBytesSent;
        }

        String line() {
            List<VerifiedTransfer> connected = clients.stream().filter(c -> c.connectMillis() >= 0).toList();
            Percentiles latency = new Percentiles(connected.stream().mapToLong(VerifiedTransfer::connectMillis).toArray());
            String firstFailure = clients.stream().filter(c -> !c.intact()).map(VerifiedTransfer::failure).findFirst().orElse("none");
            return String.format("SYN flood: %,d spoofed SYNs; real client: %d/%d connects succeeded (p50 %d ms, p99 %d ms), "
                    + "%d transfers intact, first failure: %s; server heap +%s; spoofed sources sent %,d bytes and got back "
                    + "%,d bytes in %,d datagrams: %.2fx",
                syns, connected.size(), clients.size(), latency.at(50), latency.at(99),
                clients.stream().filter(VerifiedTransfer::intact).count(), firstFailure,
                HeapGauge.mib(heapAtEnd - heapBefore), spoofedBytesSent, spoofedBytesReceived, datagramsToSpoofed, reflection());
        }
    }

    Result run() throws Exception {
        List<AttackSocket> spoofed = new ArrayList<>();
        try (Target target = new Target(Target.Mode.DIGEST);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < sources; i++) spoofed.add(new AttackSocket(100 + i));
            long heapBefore = HeapGauge.liveBytes();
            AtomicBoolean flooding = new AtomicBoolean(true);
            Future<?> counter = threads.submit(() -> count(spoofed, flooding));
            Future<List<VerifiedTransfer>> client = threads.submit(() -> connectWhile(target.address(), flooding));
            long syns = flood(target.address(), spoofed);
            long heapAtEnd = HeapGauge.liveBytes();
            flooding.set(false);
            List<VerifiedTransfer> clients = client.get();
            counter.get();
            return new Result(syns, spoofed.stream().mapToLong(AttackSocket::bytesSent).sum(),
                spoofed.stream().mapToLong(AttackSocket::bytesReceived).sum(),
                spoofed.stream().mapToLong(AttackSocket::datagramsReceived).sum(), clients, heapBefore, heapAtEnd);
        } finally {
            spoofed.forEach(AttackSocket::close);
        }
    }

    private long flood(InetSocketAddress server, List<AttackSocket> spoofed) {
        SplittableRandom random = new SplittableRandom(seed);
        long total = (long) perSecond * seconds;
        long intervalNanos = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        for (long i = 0; i < total; i++) {
            AttackSocket s = spoofed.get((int) (i % spoofed.size()));
            s.send(server, Wire.syn(random.nextInt() | 1, random.nextInt(), 1162, 1 << 22, random.nextInt()));
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0 && (i & 7) == 7) LockSupport.parkNanos(wait);
        }
        return total;
    }

    /** Receives (and counts) at every spoofed socket until {@link #LINGER_MILLIS} after the flood. */
    private static Void count(List<AttackSocket> spoofed, AtomicBoolean flooding) {
        long stopAt = Long.MAX_VALUE;
        while (System.nanoTime() < stopAt) {
            if (!flooding.get() && stopAt == Long.MAX_VALUE) stopAt = System.nanoTime() + LINGER_MILLIS * 1_000_000;
            int n = 0;
            for (AttackSocket s : spoofed) n += s.drain(0);
            if (n == 0) LockSupport.parkNanos(1_000_000);
        }
        return null;
    }

    /** The real client: connects and transfers 64 KiB, every 100 ms, while the flood lasts. */
    private List<VerifiedTransfer> connectWhile(InetSocketAddress server, AtomicBoolean flooding) {
        List<VerifiedTransfer> done = new ArrayList<>();
        while (flooding.get()) {
            done.add(VerifiedTransfer.run(server, 64 * 1024, seed + done.size(), 3_000));
            LockSupport.parkNanos(100_000_000);
        }
        return done;
    }
}
