package net.rudp.sim;

import net.rudp.impair.LinkStats;

/**
 * What a {@link SimNetwork} has done so far.
 *
 * @param links the counters of all its links added up
 * @param timeouts calls of {@link SimNode#timeout}
 * @param unroutable datagrams sent to an address where no node is
 * @param droppedAtCrashed copies that arrived at a crashed node
 */
public record SimStats(LinkStats links, long timeouts, long unroutable, long droppedAtCrashed) {}
