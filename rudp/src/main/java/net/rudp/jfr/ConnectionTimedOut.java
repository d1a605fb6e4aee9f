package net.rudp.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The peer stopped answering: the handshake, the retransmissions or the idle timer gave up. */
@Name("net.rudp.ConnectionTimedOut")
@Label("rudp Connection Timed Out")
@Description("The peer stopped answering: handshake, retransmission or idle timeout")
public final class ConnectionTimedOut extends ConnectionEnded {
}
