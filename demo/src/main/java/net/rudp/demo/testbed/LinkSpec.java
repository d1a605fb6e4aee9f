package net.rudp.demo.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.rudp.demo.Units;

/**
 * The impairments of the test bed's emulated link, each way. What each one means in detail is
 * the impairment model's business ({@link LinkFactory}); this only carries the user's choice.
 *
 * @param loss              probability that a packet is dropped, 0 to 1
 * @param delay             one-way delay added to every packet
 * @param jitter            spread of that delay
 * @param rateBitsPerSecond bottleneck rate; 0 for no limit
 * @param reorder           whether packets may overtake each other
 * @param duplicate         whether packets may arrive twice
 * @param seed              seeds the model's randomness, so a run can be repeated
 */
public record LinkSpec(double loss, Duration delay, Duration jitter, long rateBitsPerSecond,
                       boolean reorder, boolean duplicate, long seed) {

    /** No impairment: packets go straight through. */
    public static final LinkSpec CLEAN = new LinkSpec(0, Duration.ZERO, Duration.ZERO, 0, false, false, 1);

    public LinkSpec {
        if (!(loss >= 0 && loss <= 1)) {
            throw new IllegalArgumentException("loss must be a probability from 0 to 1, not " + loss);
        }
        if (delay.isNegative() || jitter.isNegative() || rateBitsPerSecond < 0) {
            throw new IllegalArgumentException("delay, jitter and rate cannot be negative");
        }
    }

    /** True if this link changes nothing: no loss, delay, jitter, rate limit, reordering or duplication. */
    public boolean isClean() {
        return loss == 0 && delay.isZero() && jitter.isZero() && rateBitsPerSecond == 0 && !reorder && !duplicate;
    }

    /** For people: "50 Mbit/s, 20 ms delay, 1% loss" or "no impairment". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (rateBitsPerSecond > 0) {
            parts.add(Units.formatRate(rateBitsPerSecond));
        }
        if (!delay.isZero()) {
            parts.add(Units.formatDuration(delay) + " delay");
        }
        if (!jitter.isZero()) {
            parts.add(Units.formatDuration(jitter) + " jitter");
        }
        if (loss > 0) {
            parts.add(Units.formatPercent(loss) + " loss");
        }
        if (reorder) {
            parts.add("reordering");
        }
        if (duplicate) {
            parts.add("duplication");
        }
        return parts.isEmpty() ? "no impairment" : String.join(", ", parts) + " (seed " + seed + ")";
    }

    public LinkSpec withLoss(double loss) {
        return new LinkSpec(loss, delay, jitter, rateBitsPerSecond, reorder, duplicate, seed);
    }

    public LinkSpec withDelay(Duration delay) {
        return new LinkSpec(loss, delay, jitter, rateBitsPerSecond, reorder, duplicate, seed);
    }

    public LinkSpec withJitter(Duration jitter) {
        return new LinkSpec(loss, delay, jitter, rateBitsPerSecond, reorder, duplicate, seed);
    }

    public LinkSpec withRate(long rateBitsPerSecond) {
        return new LinkSpec(loss, delay, jitter, rateBitsPerSecond, reorder, duplicate, seed);
    }

    public LinkSpec withReorder(boolean reorder) {
        return new LinkSpec(loss, delay, jitter, rateBitsPerSecond, reorder, duplicate, seed);
    }

    public LinkSpec withDuplicate(boolean duplicate) {
        return new LinkSpec(loss, delay, jitter, rateBitsPerSecond, reorder, duplicate, seed);
    }

    public LinkSpec withSeed(long seed) {
        return new LinkSpec(loss, delay, jitter, rateBitsPerSecond, reorder, duplicate, seed);
    }
}
