package net.rudp.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The peer reset the connection, or refused the call. */
@Name("net.rudp.ConnectionReset")
@Label("rudp Connection Reset")
@Description("The peer sent RST: the connection was reset, or the call refused")
public final class ConnectionReset extends ConnectionEnded {

    /** Whether it was a call the peer refused (nobody listening, a full backlog) rather than a connection it reset. */
    @Label("Refused")
    public boolean refused;
}
