/**
 * The demo's small network tools, each written once against
 * {@link net.rudp.demo.transport.Transport} so it runs over kernel TCP and rudp alike:
 * {@code echo-server} / {@code echo-clients} (the repetitive and the concurrent server),
 * {@code ping}, and {@code send} / {@code receive} (a file, like netcat).
 */
package net.rudp.demo.tools;
