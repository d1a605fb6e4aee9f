package net.rudp.congestion;

import net.rudp.CongestionControl;

/** Makes the controller a {@link CongestionControl} names, for one connection. */
public final class CongestionControllers {
    private CongestionControllers() {}

    /**
     * A new controller for one connection. {@code seed} is used only by BBR, to pick where its
     * gain cycle starts so connections sharing a bottleneck do not probe in lockstep: pass a value
     * that differs per connection (for example drawn from the endpoint's random source).
     */
    public static CongestionController create(CongestionControl kind, int maxSegmentSize, long seed) {
        return switch (kind) {
            case NEW_RENO -> new NewReno(maxSegmentSize);
            case CUBIC -> new Cubic(maxSegmentSize);
            case BBR -> new Bbr(maxSegmentSize, seed);
        };
    }
}
