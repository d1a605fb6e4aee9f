package net.rudp.jfr;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * Losses declared close together: from the first to the last segment declared lost with no gap
 * of more than one smoothed RTT between two (the event's duration spans them).
 */
@Name("net.rudp.LossEpisode")
@Label("rudp Loss Episode")
@Description("Segments declared lost no more than one smoothed RTT apart; the duration spans the first to the last")
public final class LossEpisode extends ConnectionEvent {

    /** Segments declared lost. */
    @Label("Segments Lost")
    public long segmentsLost;

    /** Their bytes. */
    @Label("Bytes Lost")
    @DataAmount
    public long bytesLost;

    /** What declared the first one lost: RACK, DUP_THRESH, NACK or TIMEOUT. */
    @Label("First Trigger")
    public String firstTrigger;

    /** Segments among them declared lost by each trigger, e.g. "RACK=12 NACK=3". */
    @Label("Triggers")
    public String triggers;
}
