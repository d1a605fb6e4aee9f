package net.rudp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

class ProfileGenTest {

    private static final long MS = 1_000_000L;

    @Test
    void profilesStayWithinTheDocumentedRanges() {
        Property.of("generated profiles are within range", ProfileGen::anyProfile).tries(1000).check(p -> {
            assertTrue(p.loss() <= 0.5 && p.duplication() <= 0.2 && p.reordering() <= 0.3, p.toString());
            assertTrue(p.corruption() <= 0.1 && p.truncation() <= 0.05, p.toString());
            assertTrue(p.delayNanos() <= 200 * MS && p.jitterNanos() <= 50 * MS, p.toString());
            assertTrue(p.reordering() == 0 || p.reorderHoldNanos() >= MS && p.reorderHoldNanos() <= 50 * MS, p.toString());
            assertTrue(p.rateBitsPerSecond() == 0
                || p.rateBitsPerSecond() >= 1_000_000 && p.rateBitsPerSecond() <= 100_000_000
                   && p.queueNanos() >= 10 * MS && p.queueNanos() <= 300 * MS, p.toString());
        });
    }

    @Test
    void cleanAndHarshProfilesBothOccur() {
        SplittableRandom r = new SplittableRandom(1);
        boolean sawClean = false;
        boolean sawEverything = false;
        for (int i = 0; i < 5000; i++) {
            ImpairmentProfile p = ProfileGen.anyProfile(r);
            sawClean |= p.equals(ImpairmentProfile.NONE);
            sawEverything |= p.loss() > 0 && p.duplication() > 0 && p.reordering() > 0 && p.corruption() > 0
                && p.truncation() > 0 && p.delayNanos() > 0 && p.jitterNanos() > 0 && p.rateBitsPerSecond() > 0;
        }
        assertTrue(sawClean && sawEverything);
    }

    @Test
    void shrinkingEndsAtAPerfectLink() {
        // A property that fails for every profile shrinks all the way: each step is strictly milder.
        ImpairmentProfile p = ImpairmentProfile.parse(
            "loss=37.5%,delay=150ms,jitter=30ms,rate=2mbit,queue=50ms,dup=10%,reorder=20%,reorderhold=40ms,"
            + "corrupt=5%,truncate=1%");
        int steps = 0;
        for (List<ImpairmentProfile> milder = ProfileGen.milder(p); !milder.isEmpty(); milder = ProfileGen.milder(p)) {
            assertFalse(milder.contains(p), "a shrink step must change something: " + p);
            p = milder.getFirst();
            steps++;
        }
        assertEquals(ImpairmentProfile.NONE, p);
        assertEquals(8, steps, "one removal per impairment");
    }

    @Test
    void halvingStepsComeAfterRemovals() {
        ImpairmentProfile p = ImpairmentProfile.parse("loss=10%,delay=20ms");
        assertEquals(List.of(ImpairmentProfile.parse("delay=20ms"), ImpairmentProfile.parse("loss=10%"),
            ImpairmentProfile.parse("loss=5%,delay=20ms"), ImpairmentProfile.parse("loss=10%,delay=10ms")),
            ProfileGen.milder(p));
        assertEquals(List.of(ImpairmentProfile.NONE), ProfileGen.milder(ImpairmentProfile.parse("loss=0.1%")));
        assertEquals(List.of(ImpairmentProfile.NONE, ImpairmentProfile.parse("rate=4mbit,queue=10ms")),
            ProfileGen.milder(ImpairmentProfile.parse("rate=2mbit,queue=10ms")));
    }
}
