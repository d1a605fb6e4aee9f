package net.rudp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: it runs the cases, reports the seed, shrinks, and replays. */
class PropertyTest {

    @Test
    void runsTheRequestedNumberOfDistinctCases() {
        List<Integer> seen = new ArrayList<>();
        int n = Property.of("distinct cases", r -> r.nextInt()).tries(50).check(seen::add);
        assertTrue(n >= 50);
        assertEquals(n, seen.stream().distinct().count(), "each case has its own seed");
    }

    @Test
    void failurePrintsSeedAndShrinksToTheSmallestFailingCase() {
        AssertionError e = assertThrows(AssertionError.class, () ->
            Property.of("no int above 10", r -> 1000 + r.nextInt(1000))
                .shrinkWith(v -> v > 0 ? List.of(v / 2, v - 1) : List.of())
                .check(v -> assertTrue(v <= 10, "too big: " + v)));
        assertTrue(e.getMessage().contains("seed "), e.getMessage());
        assertTrue(e.getMessage().contains("shrunk:   11"), e.getMessage());
        assertTrue(e.getMessage().contains("-Drudp.seed="), e.getMessage());
    }

    @Test
    void aSeedReplaysExactlyTheSameCase() {
        long seed = Property.caseSeed("replay", 3);
        List<Long> first = new ArrayList<>();
        List<Long> again = new ArrayList<>();
        Property.of("replay", r -> r.nextLong()).tries(5).check(first::add);
        String old = System.getProperty("rudp.seed");
        System.setProperty("rudp.seed", Long.toString(seed));
        try {
            Property.of("replay", r -> r.nextLong()).check(again::add);
        } finally {
            if (old == null) System.clearProperty("rudp.seed"); else System.setProperty("rudp.seed", old);
        }
        assertEquals(List.of(first.get(3)), again);
    }
}
