package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.rudp.ConnectionConfig;
import org.junit.jupiter.api.Test;

/** An endpoint's connection limit: set in the configuration, or one per 128 KiB of heap (spec 8.2). */
class EndpointLimitsTest {

    @Test
    void theDefaultLimitIsOneConnectionPer128KibOfHeap() {
        EndpointLimits limits = EndpointLimits.of(ConnectionConfig.DEFAULT, 1L << 30);
        assertEquals(8192, limits.maxConnections());
        assertTrue(limits.admitsConnection(8191));
        assertFalse(limits.admitsConnection(8192));
    }

    @Test
    void aLimitSetInTheConfigurationWins() {
        EndpointLimits limits = EndpointLimits.of(ConnectionConfig.builder().maxConnections(3).build(), 1L << 30);
        assertEquals(3, limits.maxConnections());
        assertFalse(limits.admitsConnection(3));
    }

    @Test
    void aTinyHeapStillAdmitsOneConnection() {
        assertEquals(1, EndpointLimits.of(ConnectionConfig.DEFAULT, 1000).maxConnections());
    }
}
