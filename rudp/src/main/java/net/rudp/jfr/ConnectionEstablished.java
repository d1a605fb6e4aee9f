package net.rudp.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A connection's handshake completed. */
@Name("net.rudp.ConnectionEstablished")
@Label("rudp Connection Established")
@Description("The handshake completed")
public final class ConnectionEstablished extends ConnectionEvent {

    /** Whether this side called (true) or accepted (false). */
    @Label("Client")
    public boolean client;
}
