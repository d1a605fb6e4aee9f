package net.rudp.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void parsesSizesWithBinaryAndDecimalUnits() {
        assertEquals(256L << 20, Units.parseSize("256MiB"));
        assertEquals(20L << 20, Units.parseSize("20M"));
        assertEquals(1L << 30, Units.parseSize("1g"));
        assertEquals(1000, Units.parseSize("1000"));
        assertEquals(1_500_000, Units.parseSize("1.5MB"));
    }

    @Test
    void parsesRatesDurationsAndPercentages() {
        assertEquals(50_000_000, Units.parseRate("50mbit"));
        assertEquals(1_000_000_000, Units.parseRate("1gbit"));
        assertEquals(Duration.ofMillis(10), Units.parseDuration("10ms"));
        assertEquals(Duration.ofNanos(500_000), Units.parseDuration("500us"));
        assertEquals(Duration.ZERO, Units.parseDuration("0s"));
        assertEquals(0.01, Units.parsePercent("1%"));
        assertEquals(0.005, Units.parsePercent("0.5%"));
    }

    @Test
    void rejectionsSayWhatIsAccepted() {
        assertEquals("invalid size '12xb': use a number with an optional unit B, KiB, MiB, GiB (e.g. 20MiB)",
            assertThrows(IllegalArgumentException.class, () -> Units.parseSize("12xb")).getMessage());
        assertEquals("invalid size '0': must be more than zero",
            assertThrows(IllegalArgumentException.class, () -> Units.parseSize("0")).getMessage());
        assertEquals("invalid percentage '1': use a percentage from 0% to 100% (e.g. 1% or 0.5%)",
            assertThrows(IllegalArgumentException.class, () -> Units.parsePercent("1")).getMessage());
        assertEquals("invalid percentage '101%': use a percentage from 0% to 100% (e.g. 1% or 0.5%)",
            assertThrows(IllegalArgumentException.class, () -> Units.parsePercent("101%")).getMessage());
        assertEquals("invalid duration '10': use a number with a unit us, ms or s (e.g. 20ms)",
            assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("10")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Units.parseRate("fast"));
    }

    @Test
    void formatsForPeople() {
        assertEquals("256 MiB", Units.formatSize(256L << 20));
        assertEquals("1.5 GiB", Units.formatSize(3L << 29));
        assertEquals("512 B", Units.formatSize(512));
        assertEquals("5.53 Gbit/s", Units.formatRate(5.526e9));
        assertEquals("941 Mbit/s", Units.formatRate(941e6));
        assertEquals("389 ms", Units.formatDuration(Duration.ofNanos(388_580_180)));
        assertEquals("12.3 s", Units.formatDuration(Duration.ofMillis(12_345)));
        assertEquals("1%", Units.formatPercent(0.01));
        assertEquals("0.5%", Units.formatPercent(0.005));
    }
}
