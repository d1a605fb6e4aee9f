package net.rudp.core;

/**
 * One point of a sender's window trace, taken after the event that changed it.
 *
 * @param nanos    virtual time
 * @param cwnd     congestion window, bytes
 * @param ssthresh slow-start threshold, bytes
 * @param rto      retransmission timeout including backoff, nanoseconds
 * @param timeouts retransmission timeouts so far
 * @param lost     packets declared lost so far
 */
record EvalWindowSample(long nanos, long cwnd, long ssthresh, long rto, long timeouts, long lost) {}
