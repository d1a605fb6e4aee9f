package net.rudp.core;

/**
 * What an endpoint's defences did, counted in one place for its statistics: decode errors,
 * call-request cookies (spec 8.3), calls refused because the queue was full, and stateless
 * replies the rate limit held back (spec 13.1). Read through {@link Endpoint#counters()}; only
 * the endpoint writes them.
 */
public final class EndpointCounters {
    long decodeErrors;
    long cookiesSent;
    long cookiesAccepted;
    long cookiesFailed;
    long refusedQueueFull;
    long statelessRepliesSuppressed;

    EndpointCounters() {}

    /** Datagrams dropped because they did not decode (spec 6.1). */
    public long decodeErrors() {
        return decodeErrors;
    }

    /** Cookie SYN_ACKs sent, each for a SYN that cost no state (spec 8.3 rule 2). */
    public long cookiesSent() {
        return cookiesSent;
    }

    /** Connections created from a genuine cookie (spec 8.3 rule 3). */
    public long cookiesAccepted() {
        return cookiesAccepted;
    }

    /** Packets for no connection dropped while cookies were in use because their cookie did not check. */
    public long cookiesFailed() {
        return cookiesFailed;
    }

    /** Call requests refused because the backlog or the accept queue was full (RST(REFUSED) with QUEUE_FULL). */
    public long refusedQueueFull() {
        return refusedQueueFull;
    }

    /** RST(REFUSED) and RST(NO_CONNECTION) not sent because of the per-source or global limit. */
    public long statelessRepliesSuppressed() {
        return statelessRepliesSuppressed;
    }

    @Override
    public String toString() {
        return "EndpointCounters[decodeErrors=" + decodeErrors + ", cookiesSent=" + cookiesSent + ", cookiesAccepted="
            + cookiesAccepted + ", cookiesFailed=" + cookiesFailed + ", refusedQueueFull=" + refusedQueueFull
            + ", statelessRepliesSuppressed=" + statelessRepliesSuppressed + "]";
    }
}
