package net.rudp.jfr;

import jdk.jfr.DataAmount;
import jdk.jfr.Label;

/** What every event that ends a connection tells of its life. */
public abstract class ConnectionEnded extends ConnectionEvent {

    /** Stream bytes sent, retransmissions included. */
    @Label("Bytes Sent")
    @DataAmount
    public long bytesSent;

    /** Stream bytes received in order. */
    @Label("Bytes Received")
    @DataAmount
    public long bytesReceived;

    /** Stream bytes sent again. */
    @Label("Bytes Retransmitted")
    @DataAmount
    public long bytesRetransmitted;

    /** Times the retransmission timer expired. */
    @Label("Retransmission Timeouts")
    public long retransmissionTimeouts;
}
