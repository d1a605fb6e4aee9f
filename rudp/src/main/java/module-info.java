/**
 * rudp: a reliable, ordered byte stream over UDP, as {@link java.net.Socket}s.
 * {@link net.rudp.api} holds the sockets, their factories and the RMI adapters; {@link net.rudp}
 * the configuration, statistics and tracing they expose; {@link net.rudp.trace} and
 * {@link net.rudp.capture} write traces and captures other tools read. The wire codec, the
 * sans-I/O core, the congestion controllers and the I/O driver are internal and not exported.
 */
module net.rudp {
    exports net.rudp;
    exports net.rudp.api;
    exports net.rudp.capture;
    exports net.rudp.trace;

    requires org.bouncycastle.provider;
    requires org.slf4j;
    /** The events of net.rudp.jfr (JFR makes an event class in an unexported package visible to itself). */
    requires jdk.jfr;
    /** Don't Fragment on the plain path (ExtendedSocketOptions.IP_DONTFRAGMENT), where the runtime has it. */
    requires static jdk.net;
    /** Only the RMI socket factories need it; applications that use them have it. */
    requires static transitive java.rmi;
}
