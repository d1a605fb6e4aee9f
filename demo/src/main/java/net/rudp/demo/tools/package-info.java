/**
 * The demo's small network tools, each written once against
 * {@link net.rudp.demo.transport.Transport} so it runs over kernel TCP and rudp alike:
 * {@code echo-server} / {@code echo-clients} (the repetitive and the concurrent server),
 * {@code send} / {@code receive} (a file, like netcat) and {@code bench} (raw UDP, TCP and rudp
 * moving the same bytes in one run), and what the tools share (the transport options, the echo
 * server, latency statistics). {@code ping}, {@code perf} and {@code group} have packages of
 * their own. See demo/TOOLS.md.
 */
package net.rudp.demo.tools;
