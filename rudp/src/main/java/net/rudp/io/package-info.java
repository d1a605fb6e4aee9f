/**
 * The I/O driver: runs a sans-I/O {@link net.rudp.core.Endpoint} on a real UDP socket.
 *
 * <p>A datagram's way up, in the order a reader meets the classes:
 * {@link net.rudp.io.EventLoop} (the endpoint's thread: sleeps in its socket, then one critical
 * section of the {@link net.rudp.io.EndpointLock} per wake-up) calls
 * {@link net.rudp.io.EndpointDriver} (one endpoint and its connections' handles), whose
 * {@link net.rudp.io.DatagramPort} receives batches from the
 * {@link net.rudp.io.batch.BatchedUdpSocket} into the endpoint and sends what it flushes as one
 * batch, counting losses in {@link net.rudp.io.DatagramErrors};
 * the endpoint's events wake the application threads waiting in
 * {@link net.rudp.io.BlockingConnection} (reads and writes with {@code java.net.Socket}'s
 * semantics) or in {@link net.rudp.io.Acceptor} (a listen()). A listen() on several loops is a
 * {@link net.rudp.io.ListenerGroup}: several such endpoints on one port, one acceptor.
 *
 * <p>JVM-wide: {@link net.rudp.io.EndpointRegistry} knows every running endpoint and
 * {@link net.rudp.io.ExitLinger} holds JVM exit while closed connections still deliver;
 * {@link net.rudp.io.EndpointSockets} opens the endpoints' sockets, {@link net.rudp.io.UdpChannels}
 * the refusal probes' channels. {@code net.rudp.api} wraps all this in
 * socket-shaped classes.
 */
package net.rudp.io;
