package net.rudp.demo.testbed;

import java.util.ArrayDeque;
import java.util.random.RandomGenerator;
import java.util.SplittableRandom;

/**
 * A simple impaired link for the demo's own tests, standing in for the real impairment model:
 * seeded random loss, then a rate-limited bottleneck with a tail-drop queue, then a fixed delay.
 * Packets leave in order (no jitter, reordering or duplication).
 */
final class SeededLossDelayLink implements PacketLink {
    private record Queued(long dueNanos, byte[] packet, int length) {}

    private final RandomGenerator random;
    private final double loss;
    private final long delayNanos;
    private final long rateBitsPerSecond;
    private final long queueLimitBytes;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    /** When the bottleneck finishes sending what it has accepted so far. */
    private long bottleneckFreeAt = Long.MIN_VALUE;
    long dropped;

    SeededLossDelayLink(RandomGenerator random, double loss, long delayNanos, long rateBitsPerSecond, long queueLimitBytes) {
        this.random = random;
        this.loss = loss;
        this.delayNanos = delayNanos;
        this.rateBitsPerSecond = rateBitsPerSecond;
        this.queueLimitBytes = queueLimitBytes;
    }

    /** Makes links from a spec's loss, delay and rate; the bottleneck queue holds one bandwidth-delay product (at least 64 KiB). */
    static LinkFactory factory() {
        return (spec, direction) -> {
            long delay = spec.delay().toNanos();
            long bdpBytes = (long) (spec.rateBitsPerSecond() / 8.0 * 2 * delay / 1e9);
            return new SeededLossDelayLink(new SplittableRandom(spec.seed() * 31 + direction.ordinal()),
                spec.loss(), delay, spec.rateBitsPerSecond(), Math.max(64 * 1024, bdpBytes));
        };
    }

    @Override
    public void offer(long nowNanos, byte[] packet, int length) {
        if (random.nextDouble() < loss) {
            dropped++;
            return;
        }
        long sent = nowNanos;
        if (rateBitsPerSecond > 0) {
            long start = Math.max(nowNanos, bottleneckFreeAt);
            long backlogBytes = (long) ((start - nowNanos) / 1e9 * rateBitsPerSecond / 8);
            if (backlogBytes + length > queueLimitBytes) {
                dropped++;
                return;
            }
            bottleneckFreeAt = start + (long) (length * 8e9 / rateBitsPerSecond);
            sent = bottleneckFreeAt;
        }
        queue.addLast(new Queued(sent + delayNanos, packet, length));
    }

    @Override
    public long nextDeliveryNanos() {
        Queued head = queue.peekFirst();
        return head == null ? Long.MAX_VALUE : head.dueNanos();
    }

    @Override
    public void poll(long nowNanos, PacketConsumer out) {
        while (!queue.isEmpty() && queue.peekFirst().dueNanos() <= nowNanos) {
            Queued q = queue.removeFirst();
            out.accept(q.packet(), q.length());
        }
    }
}
