package net.rudp.demo.tools;

/** What became of one echo client; times are nanoseconds since all clients were let go. */
sealed interface ClientOutcome {

    /** The client's number, from 1. */
    int client();

    /**
     * Every echo came back equal to what was sent.
     *
     * @param connected  when its connection was established
     * @param firstEcho  when the first echo came back: includes waiting for a repetitive server
     * @param finished   when the server had closed the connection after the last echo
     * @param roundTrips the counted messages' round trips (after warm-up)
     */
    record Served(int client, long connected, long firstEcho, long finished, LatencyStats roundTrips)
        implements ClientOutcome {}

    /** The client could not connect, or an echo was wrong, missing or late. */
    record Failed(int client, String reason) implements ClientOutcome {}
}
