package net.rudp.impair;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One direction of an impaired link: datagrams go in with {@link #offer}, the profile
 * ({@link ImpairmentProfile}, which documents the model) decides their fate, and the surviving
 * copies come out of {@link #poll} when they are due, earliest first. Datagrams are opaque bytes.
 *
 * <p>Pure and deterministic: no clock (the caller passes {@code nowNanos}, never decreasing), no
 * threads, and all randomness from one {@link SplittableRandom} seed. Every random draw for a
 * datagram is made when it is offered, in a fixed order, so its fate depends only on the seed,
 * the profile and its place in the sequence of offers, not on when it was offered (a queue drop
 * draws nothing less): a replay with the same seed loses the same datagrams even where timing
 * differs, as in the real-socket {@link UdpImpairmentRelay}.
 *
 * <p>Copies wait in a priority queue ordered by (due time, order of scheduling), so copies due at
 * the same instant come out in the order they were scheduled. Their buffers are pooled: after
 * warm-up, offering and polling allocate nothing. Not thread-safe.
 */
public final class ImpairedLink {

    /** What {@link #offer} decided for a datagram. */
    public enum Fate {
        /** Dropped by random loss. */
        LOST,
        /** Dropped because it would have waited longer than the queue limit (drop-tail). */
        QUEUE_FULL,
        /** One copy will be delivered. */
        FORWARDED,
        /** Two copies will be delivered. */
        DUPLICATED
    }

    /** Takes the copies {@link #poll} hands out. */
    @FunctionalInterface
    public interface Receiver {
        /**
         * One delivered copy, from its position to its limit; the buffer is valid only during the call.
         *
         * @param tag what the sender passed to {@link #offer(long, ByteBuffer, long)}
         */
        void accept(ByteBuffer datagram, long tag);
    }

    /** A scheduled copy; pooled, with the random draws made at offer time. */
    private static final class Copy {
        long dueNanos;
        long order;
        long offerSeq;
        long tag;
        int length;
        byte[] bytes = new byte[0];
        ByteBuffer view = ByteBuffer.wrap(bytes);
        long extraDelayNanos;
        /** Where in {@code [0, 1)} of the length to cut; negative for no truncation. */
        double truncateAt;
        /** Where in {@code [0, 1)} of the bits to flip one; negative for no corruption. */
        double corruptAt;

        void fill(ByteBuffer source, int length) {
            if (bytes.length < length) {
                // A power of two, so that a pooled copy grows only a few times as lengths vary.
                bytes = new byte[Math.max(64, Integer.highestOneBit(length - 1) << 1)];
                view = ByteBuffer.wrap(bytes);
            }
            source.get(source.position(), bytes, 0, length);
            this.length = length;
        }
    }

    private static final long REJECTED = Long.MIN_VALUE;

    private ImpairmentProfile profile;
    private final SplittableRandom random;
    private final PriorityQueue<Copy> scheduled = new PriorityQueue<>(
        (a, b) -> a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private final ArrayDeque<Copy> pool = new ArrayDeque<>();
    /** When the serializer finishes the last datagram admitted to the rate limit. */
    private long busyUntilNanos = Long.MIN_VALUE;
    private long nextOfferSeq;
    private long nextOrder;
    private long highestDeliveredSeq = -1;

    private long offered;
    private long delivered;
    private long deliveredBytes;
    private long droppedByLoss;
    private long droppedByQueue;
    private long duplicated;
    private long corrupted;
    private long truncated;
    private long reordered;

    public ImpairedLink(ImpairmentProfile profile, long seed) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.random = new SplittableRandom(seed);
    }

    public ImpairmentProfile profile() {
        return profile;
    }

    /** Changes the impairments for datagrams offered from now on; those already scheduled keep their fate. */
    public void setProfile(ImpairmentProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** {@link #offer(long, ByteBuffer, long)} with tag 0. */
    public Fate offer(long nowNanos, ByteBuffer datagram) {
        return offer(nowNanos, datagram, 0);
    }

    /**
     * Decides the fate of the bytes from {@code datagram}'s position to its limit (copied; the
     * buffer's position does not move) and schedules the copies that survive.
     *
     * @param tag handed back with each copy (for example which client a relayed datagram came from)
     */
    public Fate offer(long nowNanos, ByteBuffer datagram, long tag) {
        ImpairmentProfile p = profile;
        offered++;
        long seq = nextOfferSeq++;
        boolean lost = chance(p.loss());
        boolean twice = chance(p.duplication());
        Copy first = drawCopy(p);
        Copy second = twice ? drawCopy(p) : null;
        if (lost) {
            release(first, second);
            droppedByLoss++;
            return Fate.LOST;
        }
        long departure = depart(nowNanos, datagram.remaining(), p);
        if (departure == REJECTED) {
            release(first, second);
            droppedByQueue++;
            return Fate.QUEUE_FULL;
        }
        schedule(first, departure, datagram, seq, tag, p);
        if (second == null) return Fate.FORWARDED;
        schedule(second, departure, datagram, seq, tag, p);
        duplicated++;
        return Fate.DUPLICATED;
    }

    /** When the earliest scheduled copy is due; {@link Long#MAX_VALUE} when none is. */
    public long nextDeliveryNanos() {
        Copy c = scheduled.peek();
        return c == null ? Long.MAX_VALUE : c.dueNanos;
    }

    /** Copies scheduled and not yet handed out. */
    public int inFlight() {
        return scheduled.size();
    }

    /**
     * Hands every copy due at or before {@code nowNanos} to {@code receiver}, earliest first. The
     * receiver may offer to this link again.
     *
     * @return the number of copies handed out
     */
    public int poll(long nowNanos, Receiver receiver) {
        int n = 0;
        for (Copy c = scheduled.peek(); c != null && c.dueNanos <= nowNanos; c = scheduled.peek()) {
            scheduled.poll();
            n++;
            delivered++;
            deliveredBytes += c.length;
            if (c.offerSeq < highestDeliveredSeq) {
                reordered++;
            } else {
                highestDeliveredSeq = c.offerSeq;
            }
            try {
                receiver.accept(c.view.clear().limit(c.length), c.tag);
            } finally {
                pool.push(c);
            }
        }
        return n;
    }

    /** A snapshot of the counters. */
    public LinkStats stats() {
        return new LinkStats(offered, delivered, deliveredBytes, droppedByLoss, droppedByQueue, duplicated,
            corrupted, truncated, reordered);
    }

    private boolean chance(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }

    private Copy drawCopy(ImpairmentProfile p) {
        Copy c = pool.isEmpty() ? new Copy() : pool.pop();
        long extra = p.jitterNanos() > 0 ? random.nextLong(p.jitterNanos()) : 0;
        if (chance(p.reordering())) {
            extra += 1 + random.nextLong(p.reorderHoldNanos());
        }
        c.extraDelayNanos = extra;
        c.truncateAt = chance(p.truncation()) ? random.nextDouble() : -1;
        c.corruptAt = chance(p.corruption()) ? random.nextDouble() : -1;
        return c;
    }

    private void release(Copy first, Copy second) {
        pool.push(first);
        if (second != null) pool.push(second);
    }

    /** When a datagram of {@code length} bytes offered now has left the rate limit, or {@link #REJECTED}. */
    private long depart(long nowNanos, int length, ImpairmentProfile p) {
        if (p.rateBitsPerSecond() == 0) return nowNanos;
        long start = Math.max(nowNanos, busyUntilNanos);
        if (start - nowNanos > p.queueNanos()) return REJECTED;
        busyUntilNanos = start + p.serializationNanos(length);
        return busyUntilNanos;
    }

    private void schedule(Copy c, long departureNanos, ByteBuffer datagram, long seq, long tag, ImpairmentProfile p) {
        int length = datagram.remaining();
        if (c.truncateAt >= 0 && length > 0) {
            length = (int) (c.truncateAt * length);
            truncated++;
        }
        c.fill(datagram, length);
        if (c.corruptAt >= 0 && length > 0) {
            long bit = (long) (c.corruptAt * length * 8);
            c.bytes[(int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
            corrupted++;
        }
        c.dueNanos = departureNanos + p.delayNanos() + c.extraDelayNanos;
        c.order = nextOrder++;
        c.offerSeq = seq;
        c.tag = tag;
        scheduled.add(c);
    }
}
