/**
 * {@code ping}: ping's shape over one TCP or rudp connection to an echo server (a request every
 * interval, a line per reply, the statistics), where a reply later than the timeout counts as
 * lost, since over a reliable stream loss shows as lateness. See demo/TOOLS.md.
 */
package net.rudp.demo.ping;
