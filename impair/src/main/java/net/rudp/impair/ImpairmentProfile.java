package net.rudp.impair;

/**
 * What one direction of a link does to the datagrams it carries; {@link ImpairedLink} applies it.
 * The model, in the order a datagram meets it:
 *
 * <ol>
 *   <li><b>loss</b>: dropped on entry with probability {@code loss}; a lost datagram takes no
 *       link capacity.</li>
 *   <li><b>rate limit</b> ({@code rateBitsPerSecond}, 0 = unlimited): the datagram waits behind
 *       the ones before it (FIFO) and is serialized at the link rate; it departs when its last bit
 *       is sent. <b>Queue</b>: drop-tail, expressed as time: a datagram that would wait longer
 *       than {@code queueNanos} before its first bit is sent is dropped. (Time, not bytes, because
 *       that is how link scenarios are described; in bytes it is {@code rate × queue / 8}.)
 *       {@code queueNanos} 0 means no buffer: only a datagram that finds the link idle passes.</li>
 *   <li><b>duplication</b>: with probability {@code duplication} a second copy is delivered. The
 *       copy is made after the bottleneck (it takes no extra capacity) and draws its own delay,
 *       jitter, reordering, corruption and truncation.</li>
 *   <li><b>delay</b>: each copy arrives {@code delayNanos} (propagation) after it departed, plus
 *       <b>jitter</b>: a random extra delay uniform in {@code [0, jitterNanos)} (so the mean
 *       one-way delay is about {@code delay + jitter/2}). Copies are not kept in order, so jitter
 *       reorders datagrams sent closer together than the jitter.</li>
 *   <li><b>reordering</b>, modelled as hold-back delay: with probability {@code reordering} a copy
 *       is held back a further random time uniform in {@code (0, reorderHoldNanos]}, so it falls
 *       behind every datagram that departs within that time. (A displacement counted in datagrams
 *       would need future traffic to release the held datagram and would hold it forever on an idle
 *       link; a time never does.)</li>
 *   <li><b>truncation</b>: with probability {@code truncation} a copy is cut to a random length in
 *       {@code [0, length)}; then <b>corruption</b>: with probability {@code corruption} one random
 *       bit of what is left is flipped.</li>
 * </ol>
 *
 * <p>Probabilities are fractions in {@code [0, 1]}. The compact text form ({@link #parse},
 * {@link #format}, also {@link #toString}) is what command lines take and test failures print:
 * {@code loss=1%,delay=20ms,jitter=5ms,rate=50mbit,queue=30ms,dup=0.5%,reorder=1%,reorderhold=10ms,corrupt=0.1%,truncate=0.1%}.
 *
 * @param loss probability that a datagram is lost
 * @param duplication probability that a datagram is delivered twice
 * @param reordering probability that a copy is held back
 * @param reorderHoldNanos the longest hold-back of a reordered copy; positive exactly when {@code reordering} is
 * @param delayNanos one-way propagation delay
 * @param jitterNanos the largest random extra delay
 * @param corruption probability that one bit of a copy is flipped
 * @param truncation probability that a copy is cut short
 * @param rateBitsPerSecond link rate; 0 = unlimited
 * @param queueNanos the longest a datagram may wait for the link; 0 unless there is a rate limit
 */
public record ImpairmentProfile(
        double loss,
        double duplication,
        double reordering,
        long reorderHoldNanos,
        long delayNanos,
        long jitterNanos,
        double corruption,
        double truncation,
        long rateBitsPerSecond,
        long queueNanos) {

    /** A perfect link: no loss, no delay, unlimited rate. */
    public static final ImpairmentProfile NONE = new ImpairmentProfile(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The hold-back the text form uses when it names {@code reorder} without {@code reorderhold}. */
    public static final long DEFAULT_REORDER_HOLD_NANOS = 10_000_000L;

    public ImpairmentProfile {
        requireProbability("loss", loss);
        requireProbability("duplication", duplication);
        requireProbability("reordering", reordering);
        requireProbability("corruption", corruption);
        requireProbability("truncation", truncation);
        requireNonNegative("reorder hold", reorderHoldNanos);
        requireNonNegative("delay", delayNanos);
        requireNonNegative("jitter", jitterNanos);
        requireNonNegative("rate", rateBitsPerSecond);
        requireNonNegative("queue", queueNanos);
        if ((reordering > 0) != (reorderHoldNanos > 0)) {
            throw new IllegalArgumentException("reordering needs a positive reorder hold and a reorder hold needs"
                + " reordering: reordering=" + reordering + ", reorderHoldNanos=" + reorderHoldNanos);
        }
        if (rateBitsPerSecond == 0 && queueNanos != 0) {
            throw new IllegalArgumentException("a queue limit needs a rate limit (without one nothing queues):"
                + " queueNanos=" + queueNanos);
        }
    }

    /**
     * Reads the compact text form: comma-separated {@code key=value} pairs, each key at most once,
     * absent keys meaning "no such impairment"; {@code none} or an empty string is {@link #NONE}.
     * Keys: {@code loss dup reorder corrupt truncate} (percentages, {@code 0.5%}),
     * {@code delay jitter queue reorderhold} (times with unit {@code ns us ms s}, or {@code 0}),
     * {@code rate} (bits per second with unit {@code bit kbit mbit gbit}, decimal, or {@code 0}).
     * {@code rate} needs {@code queue} (a silent zero-size queue would drop nearly everything);
     * {@code reorder} without {@code reorderhold} holds back up to {@link #DEFAULT_REORDER_HOLD_NANOS}.
     *
     * @throws IllegalArgumentException naming the part that is wrong and the accepted forms
     */
    public static ImpairmentProfile parse(String text) {
        return ProfileText.parse(text);
    }

    /** The compact text form {@link #parse} reads back to an equal profile; {@code none} for {@link #NONE}. */
    public String format() {
        return ProfileText.format(this);
    }

    /** The compact text form, so that failing test cases print something a command line accepts. */
    @Override
    public String toString() {
        return format();
    }

    /** This profile with another loss probability. */
    public ImpairmentProfile withLoss(double p) {
        return new ImpairmentProfile(p, duplication, reordering, reorderHoldNanos, delayNanos, jitterNanos,
            corruption, truncation, rateBitsPerSecond, queueNanos);
    }

    /** This profile with another duplication probability. */
    public ImpairmentProfile withDuplication(double p) {
        return new ImpairmentProfile(loss, p, reordering, reorderHoldNanos, delayNanos, jitterNanos,
            corruption, truncation, rateBitsPerSecond, queueNanos);
    }

    /** This profile with other reordering; {@code (0, 0)} for none. */
    public ImpairmentProfile withReordering(double p, long holdNanos) {
        return new ImpairmentProfile(loss, duplication, p, holdNanos, delayNanos, jitterNanos,
            corruption, truncation, rateBitsPerSecond, queueNanos);
    }

    /** This profile with another one-way delay and jitter. */
    public ImpairmentProfile withDelay(long delayNanos, long jitterNanos) {
        return new ImpairmentProfile(loss, duplication, reordering, reorderHoldNanos, delayNanos, jitterNanos,
            corruption, truncation, rateBitsPerSecond, queueNanos);
    }

    /** This profile with another corruption probability. */
    public ImpairmentProfile withCorruption(double p) {
        return new ImpairmentProfile(loss, duplication, reordering, reorderHoldNanos, delayNanos, jitterNanos,
            p, truncation, rateBitsPerSecond, queueNanos);
    }

    /** This profile with another truncation probability. */
    public ImpairmentProfile withTruncation(double p) {
        return new ImpairmentProfile(loss, duplication, reordering, reorderHoldNanos, delayNanos, jitterNanos,
            corruption, p, rateBitsPerSecond, queueNanos);
    }

    /** This profile with another rate limit and queue; {@code (0, 0)} for unlimited. */
    public ImpairmentProfile withRate(long bitsPerSecond, long queueNanos) {
        return new ImpairmentProfile(loss, duplication, reordering, reorderHoldNanos, delayNanos, jitterNanos,
            corruption, truncation, bitsPerSecond, queueNanos);
    }

    /** Nanoseconds to serialize {@code bytes} at this profile's rate, rounded up; 0 without a rate limit. */
    public long serializationNanos(int bytes) {
        if (rateBitsPerSecond == 0) return 0;
        return Math.ceilDiv(Math.multiplyExact(bytes * 8L, 1_000_000_000L), rateBitsPerSecond);
    }

    private static void requireProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " probability must be in [0, 1]: " + p);
        }
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
}
