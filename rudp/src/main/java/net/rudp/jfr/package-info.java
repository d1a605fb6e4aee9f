/**
 * rudp's JDK Flight Recorder events, so that JDK Mission Control and {@code jfr print --events}
 * show rudp connections next to the JVM's own socket events: a connection established, closed,
 * reset or timed out, each retransmission timeout, each loss episode, and a periodic sample of
 * every connection's congestion state. All are in the category "rudp" and named
 * {@code net.rudp.*}. The I/O layer emits them; none costs more than a flag check while no
 * recording asks for it.
 */
package net.rudp.jfr;
