package net.rudp;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The congestion controllers a connection can use, by the names configuration and stats use. */
public enum CongestionControl {
    /** NewReno: RFC 5681 / RFC 6582, as RFC 9002 section 7. */
    NEW_RENO("newreno"),
    /** CUBIC: RFC 9438 with HyStart++. */
    CUBIC("cubic"),
    /** BBR-like and model-based; the default. */
    BBR("bbr");

    /**
     * What a connection uses unless configured otherwise: the model-based controller, because
     * it keeps the link on paths with random loss where the loss-based ones collapse, and loses
     * nothing on clean paths (spec/EVALUATION.md).
     */
    public static final CongestionControl DEFAULT = BBR;

    private final String id;

    CongestionControl(String id) {
        this.id = id;
    }

    /**
     * The short name.
     *
     * @return "newreno", "cubic" or "bbr" (what {@link ConnectionStats#congestionControl()} reports)
     */
    public String id() {
        return id;
    }

    /**
     * The controller called {@code name} (case-insensitive), e.g. "cubic".
     *
     * @param name a controller's {@link #id()}
     * @return that controller
     * @throws IllegalArgumentException naming the known controllers, if none is called so
     */
    public static CongestionControl fromName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (CongestionControl c : values()) {
            if (c.id.equals(wanted)) return c;
        }
        throw new IllegalArgumentException("unknown congestion control \"" + name + "\"; known names: "
            + Arrays.stream(values()).map(CongestionControl::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
