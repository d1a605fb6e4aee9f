/**
 * What rudp's API shows of a connection, shared by every layer: its configuration
 * ({@link net.rudp.ConnectionConfig}, with the {@link net.rudp.CongestionControl} to use), its
 * statistics ({@link net.rudp.ConnectionStats}, {@link net.rudp.ConnectionState}) and its trace
 * events ({@link net.rudp.ConnectionTracer}, {@link net.rudp.JsonLinesTracer}). The sockets are
 * in {@link net.rudp.api}.
 */
package net.rudp;
