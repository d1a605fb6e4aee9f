package net.rudp.demo.tools;

import java.util.List;
import java.util.Optional;

/**
 * A run of {@link EchoClients}.
 *
 * @param transport  the transport's name
 * @param clients    each client's outcome, in client order
 * @param elapsed    nanoseconds from letting the clients go until the last one ended
 * @param roundTrips every counted round trip of every served client; empty if none was served
 */
record EchoRun(String transport, List<ClientOutcome> clients, long elapsed, Optional<LatencyStats> roundTrips) {

    List<ClientOutcome.Served> served() {
        return clients.stream().filter(c -> c instanceof ClientOutcome.Served).map(c -> (ClientOutcome.Served) c).toList();
    }

    List<ClientOutcome.Failed> failed() {
        return clients.stream().filter(c -> c instanceof ClientOutcome.Failed).map(c -> (ClientOutcome.Failed) c).toList();
    }
}
