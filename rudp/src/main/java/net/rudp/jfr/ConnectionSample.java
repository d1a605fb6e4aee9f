package net.rudp.jfr;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Timespan;

/** One connection's congestion state, sampled for every open connection once a period (1 s unless the recording says otherwise). */
@Name("net.rudp.ConnectionSample")
@Label("rudp Connection Sample")
@Description("A periodic sample of each open connection: window, RTT, bytes in flight, rates")
@Period("1 s")
public final class ConnectionSample extends ConnectionEvent {

    /** Where the connection is in its life, e.g. ESTABLISHED. */
    @Label("State")
    public String state;

    /** What the controller lets be in flight. */
    @Label("Congestion Window")
    @DataAmount
    public long congestionWindow;

    /** Sent and neither acknowledged nor declared lost. */
    @Label("Bytes In Flight")
    @DataAmount
    public long bytesInFlight;

    /** SRTT (RFC 6298). */
    @Label("Smoothed RTT")
    @Timespan
    public long smoothedRtt;

    /** The smallest RTT sample. */
    @Label("Min RTT")
    @Timespan
    public long minRtt;

    /** The latest delivery-rate sample. */
    @Label("Delivery Rate")
    @DataAmount(DataAmount.BYTES)
    @jdk.jfr.Frequency
    public long deliveryRate;

    /** The rate sends are spread at. */
    @Label("Pacing Rate")
    @DataAmount(DataAmount.BYTES)
    @jdk.jfr.Frequency
    public long pacingRate;

    /** Stream bytes acknowledged by the peer so far. */
    @Label("Bytes Acknowledged")
    @DataAmount
    public long bytesAcked;

    /** Packets declared lost so far. */
    @Label("Packets Lost")
    public long packetsLost;
}
