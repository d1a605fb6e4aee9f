package net.rudp.demo.compare;

import java.util.Objects;
import java.util.SplittableRandom;
import net.rudp.impair.ImpairmentProfile;

/**
 * An emulated link as a comparison asks for it: the same impairments each way, applied by the
 * project's one impairment model ({@link net.rudp.impair.ImpairedLink}, also used by the
 * simulator and the UDP relay), seeded so that a run can be repeated.
 *
 * @param name    the scenario's name ({@link net.rudp.impair.Scenario}), or "custom"
 * @param eachWay what each direction does to the packets it carries
 * @param seed    the links' randomness derives from it
 */
public record LinkSetup(String name, ImpairmentProfile eachWay, long seed) {
    public LinkSetup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(eachWay, "eachWay");
    }

    /**
     * The seeds of the forward (sender to receiver) and return links, derived from {@link #seed}
     * as {@link net.rudp.impair.UdpImpairmentRelay} derives its to-server and to-client seeds.
     */
    public long[] directionSeeds() {
        SplittableRandom seeds = new SplittableRandom(seed);
        return new long[] {seeds.nextLong(), seeds.nextLong()};
    }

    /** For reports: "wan-loss1 (loss=1%,delay=10ms,rate=50mbit,queue=30ms each way, seed 1)". */
    public String describe() {
        return name + " (" + eachWay.format() + " each way, seed " + seed + ")";
    }
}
