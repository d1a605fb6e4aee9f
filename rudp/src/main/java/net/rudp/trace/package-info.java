/**
 * Connection tracers that write what {@link net.rudp.ConnectionTracer} reports in formats
 * other tools read: {@link net.rudp.trace.QlogTracer} writes qlog (JSON-SEQ), which qvis loads.
 */
package net.rudp.trace;
