package net.rudp.jfr;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The retransmission timer expired (spec 9.7): everything in flight was declared lost. */
@Name("net.rudp.RetransmissionTimeout")
@Label("rudp Retransmission Timeout")
@Description("The retransmission timer expired and the segments in flight were declared lost")
public final class RetransmissionTimeout extends ConnectionEvent {

    /** Segments the timeout declared lost. */
    @Label("Segments Lost")
    public long segmentsLost;

    /** Their bytes. */
    @Label("Bytes Lost")
    @DataAmount
    public long bytesLost;
}
