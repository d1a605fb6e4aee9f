/**
 * The I/O driver: runs a sans-I/O {@link net.rudp.core.Endpoint} on a real UDP socket.
 *
 * <p>{@link net.rudp.io.EndpointDriver} owns one {@code DatagramChannel}, one event-loop thread
 * and one lock per endpoint; {@link net.rudp.io.Acceptor} is a listen() on it and
 * {@link net.rudp.io.BlockingConnection} a connection as application threads use it (blocking
 * reads and writes with {@code java.net.Socket}'s semantics). {@code net.rudp.api} wraps these in
 * socket-shaped classes.
 */
package net.rudp.io;
