package net.rudp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CongestionControlTest {

    @Test
    void namesFindTheirControllers() {
        assertEquals(CongestionControl.NEW_RENO, CongestionControl.fromName("newreno"));
        assertEquals(CongestionControl.CUBIC, CongestionControl.fromName("cubic"));
        assertEquals(CongestionControl.BBR, CongestionControl.fromName(" BBR "));
        assertEquals(CongestionControl.BBR, CongestionControl.DEFAULT, "the default follows spec/EVALUATION.md");
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CongestionControl.fromName("vegas"));
        assertEquals("unknown congestion control \"vegas\"; known names: newreno, cubic, bbr", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CongestionControl.fromName(null));
    }

    @Test
    void eachCreatesAFreshControllerNamedAsItIs() {
        for (CongestionControl c : CongestionControl.values()) {
            CongestionController controller = c.create(1200, 42);
            assertEquals(c.id(), controller.name());
            assertEquals(c.id(), c.create(1200).name());
        }
        assertInstanceOf(NewReno.class, CongestionControl.NEW_RENO.create(1200));
        assertInstanceOf(Cubic.class, CongestionControl.CUBIC.create(1200));
        assertInstanceOf(Bbr.class, CongestionControl.BBR.create(1200));
        assertThrows(IllegalArgumentException.class, () -> CongestionControl.CUBIC.create(-1));
    }
}
