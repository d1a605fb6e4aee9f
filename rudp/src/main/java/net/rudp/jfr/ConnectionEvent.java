package net.rudp.jfr;

import java.net.InetSocketAddress;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/**
 * The fields every rudp connection event has: which connection it is. No stack trace: every
 * event comes from the endpoint's loop thread (or JFR's periodic one), whose stack says nothing.
 */
@Category("rudp")
@StackTrace(false)
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
    public final void connection(InetSocketAddress local, InetSocketAddress remote, int id) {
        localAddress = format(local);
        remoteAddress = format(remote);
        connectionId = Integer.toHexString(id);
    }

    /**
     * An address as the events show it: the numeric address and the port, "127.0.0.1:9000" or
     * "[::1]:9000" (no host name, which only some addresses carry).
     *
     * @param address the address
     * @return its text
     */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
