package net.rudp.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;

/** The fields every rudp connection event has: which connection it is. */
@Category("rudp")
public abstract class ConnectionEvent extends jdk.jfr.Event {

    /** The local address the peer sees, e.g. "127.0.0.1:9000". */
    @Label("Local Address")
    public String localAddress;

    /** The peer's address. */
    @Label("Remote Address")
    public String remoteAddress;

    /** This side's connection id (spec 5), as the peer's packets carry it in their destination id field. */
    @Label("Connection Id")
    @Description("This side's connection id (unsigned 32 bits, in hexadecimal)")
    public String connectionId;

    /**
     * Fills in the connection's fields.
     *
     * @param local  the local address
     * @param remote the peer's address
     * @param id     this side's connection id
     */
    public final void connection(String local, String remote, int id) {
        localAddress = local;
        remoteAddress = remote;
        connectionId = Integer.toHexString(id);
    }
}
