package net.rudp.core;

/**
 * The search of RFC 8899 (DPLPMTUD) for the largest datagram the path carries, in sizes only:
 * which size to probe next, and what a probe's answer, its loss or a black hole does to the
 * search (spec 9.13). The size confirmed so far (the PLPMTU) only rises with an acknowledged
 * probe and falls back to the base size only on a black hole.
 *
 * <p>The candidates lie between the confirmed size and the smallest size known to fail (or the
 * ceiling): the ceiling first (loopback carries the largest UDP payload), then the largest
 * {@linkplain #COMMON_SIZES common link size} among them, since a path is usually one of those
 * and a single probe then settles it, else the midpoint. A size
 * fails after {@value #MAX_PROBES} probes lost in a row. Time is not kept here: the caller times
 * the probes out and runs the raise timer.
 */
final class PathMtuSearch {
    /** RFC 8899 5.1.2: "MAX_PROBES: The MAX_PROBES is the maximum value of the PROBE_COUNT counter ... The default value of MAX_PROBES is 3." */
    static final int MAX_PROBES = 3;
    /** UDP payloads of common links, largest first: 9000-byte jumbo frames and 1500-byte Ethernet, over IPv4 and IPv6. */
    static final int[] COMMON_SIZES = {8_972, 8_952, 1_472, 1_452};

    private final int base;
    private final int ceiling;
    private int confirmed;
    /** Every size above this is known to fail (or lies above the ceiling). */
    private int highest;
    private int candidate;
    private int probesLost;

    /**
     * @param base    the size every path is assumed to carry (RFC 8899's BASE_PLPMTU), where the search starts
     * @param ceiling the largest size to try (RFC 8899's MAX_PLPMTU)
     */
    PathMtuSearch(int base, int ceiling) {
        if (base > ceiling) throw new IllegalArgumentException("base " + base + " above ceiling " + ceiling);
        this.base = base;
        this.ceiling = ceiling;
        this.confirmed = base;
        this.highest = ceiling;
        this.candidate = next();
    }

    int base() {
        return base;
    }

    /** Whether a later {@link #raise()} could find more: the confirmed size is below the ceiling. */
    boolean belowCeiling() {
        return confirmed < ceiling;
    }

    /** The largest size confirmed: what datagrams may be now. */
    int confirmed() {
        return confirmed;
    }

    /** The size to probe next, or 0 when the search is complete (nothing between the confirmed size and a failed one). */
    int candidate() {
        return candidate;
    }

    /** A probe of {@code size} was acknowledged: the path carries it. Returns whether the confirmed size grew. */
    boolean onProbeAcknowledged(int size) {
        if (size <= confirmed || size > highest) return false;
        confirmed = size;
        startNextCandidate();
        return true;
    }

    /** A probe of {@code size} went unanswered; after {@value #MAX_PROBES} in a row, the size fails. */
    void onProbeLost(int size) {
        if (size != candidate) return;
        if (++probesLost < MAX_PROBES) return;
        highest = size - 1;
        startNextCandidate();
    }

    /**
     * Datagrams of the confirmed size stopped getting through (RFC 8899 4.3, a black hole): fall
     * back to the base size and search again, up to that size. Timeouts are weaker evidence than
     * {@value #MAX_PROBES} lost probes (heavy random loss causes them too), so that size is
     * probed again first rather than ruled out.
     */
    void onBlackHole() {
        if (confirmed == base) return;
        highest = confirmed;
        confirmed = base;
        startNextCandidate();
    }

    /** The raise timer fired (RFC 8899's PMTU_RAISE_TIMER): sizes that failed before are tried again. */
    void raise() {
        highest = ceiling;
        startNextCandidate();
    }

    private void startNextCandidate() {
        probesLost = 0;
        candidate = next();
    }

    private int next() {
        if (highest <= confirmed) return 0;
        if (highest == ceiling) return ceiling;
        for (int size : COMMON_SIZES) {
            if (size > confirmed && size <= highest) return size;
        }
        return confirmed + (highest - confirmed + 1) / 2;
    }

    @Override
    public String toString() {
        return "PathMtuSearch[" + confirmed + " confirmed, " + (candidate == 0 ? "complete"
            : "probing " + candidate + " (" + probesLost + " lost)") + ", above " + highest + " fails]";
    }
}
