package net.rudp.congestion;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The congestion controllers a connection can use, by the names configuration and stats use. */
public enum CongestionControl {
    /** {@link NewReno}: RFC 5681 / RFC 6582, as RFC 9002 section 7. */
    NEW_RENO("newreno"),
    /** {@link Cubic}: RFC 9438 with HyStart++. */
    CUBIC("cubic"),
    /** {@link Bbr}: model-based, BBR-like; the default. */
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

    /** The short name: "newreno", "cubic" or "bbr" (what {@link CongestionController#name()} returns). */
    public String id() {
        return id;
    }

    /** A new controller for one connection; BBR's gain cycle starts at a fixed phase. */
    public CongestionController create(int maxSegmentSize) {
        return create(maxSegmentSize, 0);
    }

    /**
     * A new controller for one connection. {@code seed} is used only by BBR, to pick where its
     * gain cycle starts so connections sharing a bottleneck do not probe in lockstep: pass a value
     * that differs per connection (for example drawn from the endpoint's random source).
     */
    public CongestionController create(int maxSegmentSize, long seed) {
        return switch (this) {
            case NEW_RENO -> new NewReno(maxSegmentSize);
            case CUBIC -> new Cubic(maxSegmentSize);
            case BBR -> new Bbr(maxSegmentSize, seed);
        };
    }

    /** The controller called {@code name} (case-insensitive), e.g. "cubic". */
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
