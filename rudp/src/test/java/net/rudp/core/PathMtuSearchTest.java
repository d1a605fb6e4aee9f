package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathMtuSearchTest {
    private static final int BASE = 1_200;
    private static final int LOOPBACK = 65_507;

    /** Runs the search against a path that carries datagrams up to {@code pathMtu}; returns the sizes probed, in order. */
    private static List<Integer> searchOn(PathMtuSearch search, int pathMtu) {
        List<Integer> probed = new ArrayList<>();
        for (int size; (size = search.candidate()) != 0; ) {
            probed.add(size);
            if (size <= pathMtu) search.onProbeAcknowledged(size);
            else search.onProbeLost(size);
        }
        return probed;
    }

    @Test
    void loopbackIsSettledByOneProbeAtTheCeiling() {
        PathMtuSearch search = new PathMtuSearch(BASE, LOOPBACK);
        assertEquals(List.of(LOOPBACK), searchOn(search, LOOPBACK));
        assertEquals(LOOPBACK, search.confirmed());
        assertFalse(search.belowCeiling());
    }

    @Test
    void anEthernetPathIsFoundExactlyAfterThreeLostProbesPerLargerSize() {
        PathMtuSearch search = new PathMtuSearch(BASE, LOOPBACK);
        List<Integer> probed = searchOn(search, 1_472);
        assertEquals(List.of(LOOPBACK, LOOPBACK, LOOPBACK, 8_972, 8_972, 8_972, 8_952, 8_952, 8_952, 1_472),
            probed.subList(0, 10), "the ceiling, then the common sizes, each given up after MAX_PROBES losses");
        assertEquals(1_472, search.confirmed(), "then the midpoints down to the exact size: " + probed);
        assertTrue(search.belowCeiling());
    }

    @Test
    void anyPathMtuBetweenBaseAndCeilingIsFoundExactly() {
        for (int mtu : new int[] {BASE, 1_201, 1_280, 1_400, 4_000, 9_000, 65_506}) {
            PathMtuSearch search = new PathMtuSearch(BASE, LOOPBACK);
            List<Integer> probed = searchOn(search, mtu);
            assertEquals(mtu, search.confirmed(), "path MTU " + mtu + ", probed " + probed);
            assertTrue(probed.size() <= PathMtuSearch.MAX_PROBES * 20, "a binary search: " + probed.size() + " probes");
        }
    }

    @Test
    void aLostProbeFailsItsSizeOnlyAfterMaxProbesInARow() {
        PathMtuSearch search = new PathMtuSearch(BASE, 9_000);
        for (int i = 1; i < PathMtuSearch.MAX_PROBES; i++) {
            search.onProbeLost(9_000);
            assertEquals(9_000, search.candidate(), "lost " + i + " time(s): tried again");
        }
        search.onProbeLost(9_000);
        assertEquals(8_972, search.candidate());
        search.onProbeLost(9_000);
        assertEquals(8_972, search.candidate(), "a late loss of a size given up counts for nothing");
    }

    @Test
    void aBlackHoleFallsBackToTheBaseAndSearchesBelowTheSizeThatFailed() {
        PathMtuSearch search = new PathMtuSearch(BASE, LOOPBACK);
        searchOn(search, 8_972);
        assertEquals(8_972, search.confirmed());
        search.onBlackHole();
        assertEquals(BASE, search.confirmed(), "back to the base at once");
        assertEquals(8_972, search.candidate(), "the size that timed out is probed again before it is ruled out");
        searchOn(search, 1_472);
        assertEquals(1_472, search.confirmed());
        search.onBlackHole();
        search.onBlackHole();
        assertEquals(BASE, search.confirmed(), "a black hole at the base changes nothing");
    }

    @Test
    void raisingTriesTheSizesThatFailedAgain() {
        PathMtuSearch search = new PathMtuSearch(BASE, LOOPBACK);
        searchOn(search, 1_472);
        assertEquals(0, search.candidate(), "complete");
        search.raise();
        assertEquals(LOOPBACK, search.candidate());
        searchOn(search, 8_972);
        assertEquals(8_972, search.confirmed(), "the path grew, and the search followed");
    }

    @Test
    void aStaleAnswerConfirmsNothingBeyondWhatFailedAndNothingBelowWhatIsConfirmed() {
        PathMtuSearch search = new PathMtuSearch(BASE, 9_000);
        searchOn(search, 1_472);
        assertFalse(search.onProbeAcknowledged(1_300), "below the confirmed size");
        assertFalse(search.onProbeAcknowledged(9_000), "a size that failed three times");
        assertEquals(1_472, search.confirmed());
    }

    @Test
    void aCeilingAtTheBaseLeavesNothingToSearch() {
        PathMtuSearch search = new PathMtuSearch(BASE, BASE);
        assertEquals(0, search.candidate());
        assertEquals(BASE, search.confirmed());
    }
}
