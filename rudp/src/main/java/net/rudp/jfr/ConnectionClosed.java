package net.rudp.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A connection ended without an error of the network's: closed by both sides, or aborted by the application. */
@Name("net.rudp.ConnectionClosed")
@Label("rudp Connection Closed")
@Description("The connection ended: FINs exchanged, or aborted by this side's application")
public final class ConnectionClosed extends ConnectionEnded {

    /** Whether this side's application aborted it (RST sent) rather than closing it. */
    @Label("Aborted")
    public boolean aborted;
}
