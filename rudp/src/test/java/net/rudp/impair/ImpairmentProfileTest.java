package net.rudp.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.rudp.sim.ProfileGen;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

class ImpairmentProfileTest {

    private static final long MS = 1_000_000L;

    @Test
    void readsTheCompactTextForm() {
        ImpairmentProfile p = ImpairmentProfile.parse(
            "loss=1%,delay=20ms,jitter=5ms,rate=50mbit,queue=30ms,dup=0.5%,reorder=1%,corrupt=0.1%,truncate=0.1%");
        assertEquals(new ImpairmentProfile(0.01, 0.005, 0.01, ImpairmentProfile.DEFAULT_REORDER_HOLD_NANOS,
            20 * MS, 5 * MS, 0.001, 0.001, 50_000_000L, 30 * MS), p);
        assertEquals("loss=1%,delay=20ms,jitter=5ms,rate=50mbit,queue=30ms,dup=0.5%,reorder=1%,reorderhold=10ms,"
            + "corrupt=0.1%,truncate=0.1%", p.toString());
    }

    @Test
    void writesTheShortestExactUnits() {
        assertEquals("delay=1.5ms,jitter=999ns,rate=1.5kbit,queue=2s",
            ImpairmentProfile.parse("delay=1500us,jitter=999ns,rate=1500bit,queue=2000ms").format());
        assertEquals("loss=100%", ImpairmentProfile.parse("LOSS = 100% ").format());
        assertEquals("rate=1gbit,queue=0", ImpairmentProfile.parse("rate=1gbit,queue=0").format());
    }

    @Test
    void noneIsTheEmptyForm() {
        assertEquals("none", ImpairmentProfile.NONE.toString());
        assertEquals(ImpairmentProfile.NONE, ImpairmentProfile.parse("none"));
        assertEquals(ImpairmentProfile.NONE, ImpairmentProfile.parse(" "));
    }

    @Test
    void textFormReadsBackToTheSameProfile() {
        Property.of("parse(format(p)) == p", ProfileGen::anyProfile)
            .tries(500)
            .shrinkWith(ProfileGen::milder)
            .check(p -> assertEquals(p, ImpairmentProfile.parse(p.format())));
    }

    @Test
    void badTextSaysWhatIsWrong() {
        assertMessage("unknown impairment 'lost'", "known: loss, delay", "lost=1%");
        assertMessage("loss=1 is not a percentage", "", "loss=1");
        assertMessage("loss=101% is not a percentage", "", "loss=101%");
        assertMessage("delay=20 is not a time", "units s, ms, us, ns", "delay=20");
        assertMessage("rate=5mbps is not a rate", "gbit, mbit, kbit, bit", "rate=5mbps,queue=1ms");
        assertMessage("rate needs queue=<time>", "rate=50mbit,queue=30ms", "rate=50mbit");
        assertMessage("'loss' given twice", "", "loss=1%,loss=2%");
        assertMessage("must be key=value", "", "loss");
        assertMessage("finer than the model's resolution", "", "delay=1.5ns");
        assertMessage("a queue limit needs a rate limit", "", "queue=10ms");
        assertMessage("reordering needs a positive reorder hold", "", "reorderhold=5ms");
    }

    @Test
    void invalidValuesAreRejectedByName() {
        ImpairmentProfile n = ImpairmentProfile.NONE;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.withLoss(1.5)).getMessage()
            .contains("loss probability must be in [0, 1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.withCorruption(Double.NaN)).getMessage()
            .contains("corruption probability"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.withDelay(-1, 0)).getMessage()
            .contains("delay must not be negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.withReordering(0.1, 0)).getMessage()
            .contains("reordering needs a positive reorder hold"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.withRate(0, 5)).getMessage()
            .contains("a queue limit needs a rate limit"));
    }

    @Test
    void serializationTimeIsLengthOverRateRoundedUp() {
        ImpairmentProfile tenMbit = ImpairmentProfile.parse("rate=10mbit,queue=0");
        assertEquals(1 * MS, tenMbit.serializationNanos(1250));
        assertEquals(800, tenMbit.serializationNanos(1));
        assertEquals(2667, ImpairmentProfile.parse("rate=3mbit,queue=0").serializationNanos(1), "8 bits / 3 Mbit/s, rounded up");
        assertEquals(0, ImpairmentProfile.NONE.serializationNanos(1500));
    }

    @Test
    void scenariosHaveTheTableValues() {
        assertEquals(ImpairmentProfile.NONE, Scenario.LOOPBACK.profile());
        assertEquals("loss=1%,delay=10ms,jitter=5ms,rate=50mbit,queue=30ms", Scenario.WAN_JITTER.profile().format());
        assertEquals("loss=2%,delay=15ms,jitter=10ms,rate=20mbit,queue=50ms,dup=0.5%", Scenario.WIFI.profile().format());
        assertEquals("loss=1%,delay=300ms,rate=20mbit,queue=600ms", Scenario.SAT.profile().format());
        assertEquals(0.05, Scenario.WAN_LOSS5.profile().loss());
    }

    @Test
    void eachWanVariantChangesOneThingOfWan() {
        ImpairmentProfile wan = Scenario.WAN.profile();
        assertEquals(wan.withLoss(0.01), Scenario.WAN_LOSS1.profile());
        assertEquals(wan.withLoss(0.05), Scenario.WAN_LOSS5.profile());
        assertEquals(wan.withLoss(0.10), Scenario.WAN_LOSS10.profile());
        assertEquals(wan.withLoss(0.20), Scenario.WAN_LOSS20.profile());
        assertEquals(Scenario.WAN_LOSS1.profile().withDelay(10 * MS, 5 * MS), Scenario.WAN_JITTER.profile());
        assertEquals(wan.withRate(50_000_000, 3 * MS), Scenario.WAN_SHALLOW.profile());
        assertEquals(wan.withRate(50_000_000, 200 * MS), Scenario.WAN_BLOAT.profile());
    }

    @Test
    void satQueuesOneBandwidthDelayProduct() {
        ImpairmentProfile sat = Scenario.SAT.profile();
        assertEquals(2 * sat.delayNanos(), sat.queueNanos(), "the queue holds one round trip at the link rate");
        assertEquals(1_500_000, sat.rateBitsPerSecond() / 8 * sat.queueNanos() / 1_000_000_000L, "bytes");
    }

    @Test
    void scenariosAreFoundByTheirCommandLineName() {
        for (Scenario s : Scenario.values()) {
            assertEquals(s, Scenario.byName(s.cliName()));
            assertEquals(s.cliName(), s.toString());
        }
        assertEquals(Scenario.WAN_LOSS1, Scenario.byName("wan-loss1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.byName("lan"));
        assertEquals("unknown link scenario 'lan'; valid: loopback, wan, wan-loss1, wan-loss5, wan-loss10, wan-loss20,"
            + " wan-jitter, wan-shallow, wan-bloat, wifi, sat", e.getMessage());
        assertTrue(Scenario.find("lan").isEmpty());
    }

    private static void assertMessage(String part, String alsoPart, String text) {
        String m = assertThrows(IllegalArgumentException.class, () -> ImpairmentProfile.parse(text)).getMessage();
        assertTrue(m.contains(part) && m.contains(alsoPart), m);
    }
}
