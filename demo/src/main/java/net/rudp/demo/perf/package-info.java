/**
 * {@code perf}: iperf3's shape over TCP and rudp with one code path for both ends
 * ({@link net.rudp.demo.perf.TestRun}): a control connection that asks for the test and
 * exchanges both ends' totals, a data connection per stream, interval lines from the
 * transports' own counters, and iperf3's JSON document. See demo/TOOLS.md.
 */
package net.rudp.demo.perf;
