package net.rudp.demo.testbed;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A simple impaired link for the demo's own tests, standing in for the real impairment model:
 * seeded random loss, then a rate-limited bottleneck with a tail-drop queue, then a fixed delay.
 * Packets leave in order (no jitter, reordering or duplication).
 */
final class SeededLossDelayLink implements PacketLink {
    private final RandomGenerator random;
    private final double loss;
    private final long delayNanos;
    private final long rateBitsPerSecond;
    private final long queueLimitBytes;
    private final InOrderQueue queue = new InOrderQueue();
    /** When the bottleneck finishes sending what it has accepted so far. */
    private long bottleneckFreeAt = Long.MIN_VALUE;

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
            return;
        }
        long sent = nowNanos;
        if (rateBitsPerSecond > 0) {
            long start = Math.max(nowNanos, bottleneckFreeAt);
            long backlogBytes = (long) ((start - nowNanos) / 1e9 * rateBitsPerSecond / 8);
            if (backlogBytes + length > queueLimitBytes) {
                return;
            }
            bottleneckFreeAt = start + (long) (length * 8e9 / rateBitsPerSecond);
            sent = bottleneckFreeAt;
        }
        queue.add(sent + delayNanos, packet, length);
    }

    @Override
    public long nextDeliveryNanos() {
        return queue.nextDueNanos();
    }

    @Override
    public void poll(long nowNanos, PacketConsumer out) {
        queue.releaseDue(nowNanos, out);
    }
}
