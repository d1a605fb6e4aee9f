/**
 * {@code group}: the seed's master and followers, each a process, over rudp. The launcher
 * ({@link net.rudp.demo.group.GroupRun}) starts the members ({@link net.rudp.demo.group.Member})
 * and can kill the master; the members notice through rudp's keepalive and idle timeout, follow
 * the lowest live id, and keep every member's stream whole ({@link net.rudp.demo.group.GroupLog},
 * {@link net.rudp.demo.group.Confirmations}). See demo/TOOLS.md.
 */
package net.rudp.demo.group;
