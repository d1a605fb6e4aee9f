/**
 * The datagram layer under the driver: {@link net.rudp.io.batch.BatchedUdpSocket}, a bound UDP
 * socket that sends an {@link net.rudp.io.batch.OutgoingBatch} and receives an
 * {@link net.rudp.io.batch.IncomingBatch}, both in direct buffers it owns, so a caller encodes
 * into and decodes from them in place, with nothing allocated per datagram.
 *
 * <p>{@link net.rudp.io.batch.BatchedUdpSockets} opens one on the Linux fast path where it can
 * (Java 22+, the Foreign Function &amp; Memory API, classes in the jar's
 * {@code META-INF/versions/22}): UDP GSO for runs of same-size datagrams to one peer, UDP GRO
 * trains on receive, {@code sendmmsg}/{@code recvmmsg}, {@code ppoll} with nanosecond timeouts
 * and an eventfd to wake it, and the {@code IP_RECVERR} error queue, which names the destination
 * an ICMP error was about ({@link net.rudp.io.batch.DeliveryError}). Elsewhere, on Java 21, or
 * with {@code -Drudp.io.fast=false}, it opens the plain {@code DatagramChannel}. Nothing changes
 * on the wire: GSO and GRO are local to each host.
 */
package net.rudp.io.batch;
