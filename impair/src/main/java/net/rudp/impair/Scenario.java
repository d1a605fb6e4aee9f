package net.rudp.impair;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The named link scenarios that the demo, the benchmarks and the README share. Each is one
 * direction's {@link ImpairmentProfile}; a link uses it in both directions.
 *
 * <p>The {@code wan} family shares one path (50 Mbit/s, 20 ms round trip, a 30 ms queue) and
 * varies one thing at a time: the random loss rate, reordering (jitter), or the queue
 * ({@code wan-shallow}, {@code wan-bloat}), so a result can be read as the effect of that one
 * change. {@code sat}'s queue is one bandwidth-delay product (20 Mbit/s × 600 ms): the classic
 * buffer rule (Villamizar and Song, 1994) that lets one loss-based flow halve its window and
 * still keep the link busy. So a flow can fill the queue (an RTT of up to 1.2 s, twice the
 * minimum) without the link idling, and until a flow overflows the queue every loss is the 1%
 * random loss, not congestion.
 *
 * <table>
 *   <caption>Scenarios</caption>
 *   <tr><th>name</th><th>rate</th><th>one-way delay</th><th>jitter</th><th>queue</th><th>loss</th><th>other</th></tr>
 *   <tr><td>loopback</td><td>none</td><td>0</td><td>0</td><td>-</td><td>0</td><td></td></tr>
 *   <tr><td>wan</td><td>50 Mbit/s</td><td>10 ms</td><td>0</td><td>30 ms</td><td>0</td><td></td></tr>
 *   <tr><td>wan-loss1</td><td>50 Mbit/s</td><td>10 ms</td><td>0</td><td>30 ms</td><td>1%</td><td></td></tr>
 *   <tr><td>wan-loss5</td><td>50 Mbit/s</td><td>10 ms</td><td>0</td><td>30 ms</td><td>5%</td><td></td></tr>
 *   <tr><td>wan-loss10</td><td>50 Mbit/s</td><td>10 ms</td><td>0</td><td>30 ms</td><td>10%</td><td></td></tr>
 *   <tr><td>wan-loss20</td><td>50 Mbit/s</td><td>10 ms</td><td>0</td><td>30 ms</td><td>20%</td><td></td></tr>
 *   <tr><td>wan-jitter</td><td>50 Mbit/s</td><td>10 ms</td><td>5 ms</td><td>30 ms</td><td>1%</td><td>reordering follows from jitter</td></tr>
 *   <tr><td>wan-shallow</td><td>50 Mbit/s</td><td>10 ms</td><td>0</td><td>3 ms</td><td>0</td><td>a queue of 12 full-size
 *       packets: here loss is congestion, and a flow that ignores it floods the queue</td></tr>
 *   <tr><td>wan-bloat</td><td>50 Mbit/s</td><td>10 ms</td><td>0</td><td>200 ms</td><td>0</td><td>ten round trips of
 *       buffer: a good flow keeps the RTT near the minimum (20 ms) rather than fill it</td></tr>
 *   <tr><td>wifi</td><td>20 Mbit/s</td><td>15 ms</td><td>10 ms</td><td>50 ms</td><td>2%</td><td>0.5% duplication</td></tr>
 *   <tr><td>sat</td><td>20 Mbit/s</td><td>300 ms</td><td>0</td><td>600 ms</td><td>1%</td><td>geostationary: a queue of
 *       one bandwidth-delay product (1.5 MB)</td></tr>
 * </table>
 */
public enum Scenario {
    LOOPBACK("loopback", "none"),
    WAN("wan", "rate=50mbit,queue=30ms,delay=10ms"),
    WAN_LOSS1("wan-loss1", "rate=50mbit,queue=30ms,delay=10ms,loss=1%"),
    WAN_LOSS5("wan-loss5", "rate=50mbit,queue=30ms,delay=10ms,loss=5%"),
    WAN_LOSS10("wan-loss10", "rate=50mbit,queue=30ms,delay=10ms,loss=10%"),
    WAN_LOSS20("wan-loss20", "rate=50mbit,queue=30ms,delay=10ms,loss=20%"),
    WAN_JITTER("wan-jitter", "rate=50mbit,queue=30ms,delay=10ms,jitter=5ms,loss=1%"),
    WAN_SHALLOW("wan-shallow", "rate=50mbit,queue=3ms,delay=10ms"),
    WAN_BLOAT("wan-bloat", "rate=50mbit,queue=200ms,delay=10ms"),
    WIFI("wifi", "rate=20mbit,queue=50ms,delay=15ms,jitter=10ms,loss=2%,dup=0.5%"),
    SAT("sat", "rate=20mbit,queue=600ms,delay=300ms,loss=1%");

    private final String cliName;
    private final ImpairmentProfile profile;

    Scenario(String cliName, String profile) {
        this.cliName = cliName;
        this.profile = ImpairmentProfile.parse(profile);
    }

    /** The name on command lines and in reports, such as {@code wan-loss1}. */
    public String cliName() {
        return cliName;
    }

    /** One direction's impairments. */
    public ImpairmentProfile profile() {
        return profile;
    }

    /** The scenario called {@code name} (its {@link #cliName()}), if there is one. */
    public static Optional<Scenario> find(String name) {
        return Arrays.stream(values()).filter(s -> s.cliName.equals(name)).findFirst();
    }

    /**
     * The scenario called {@code name}.
     *
     * @throws IllegalArgumentException listing the valid names when there is none
     */
    public static Scenario byName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown link scenario '" + name
            + "'; valid: " + Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", "))));
    }

    /** The {@link #cliName()}, as reports print it. */
    @Override
    public String toString() {
        return cliName;
    }
}
