package net.rudp.demo.compare;

import java.util.List;
import java.util.Optional;

/**
 * The flows that ran over one fresh link, and what the link did: one flow when a comparison runs
 * its transports one after another, all of them when they run together.
 *
 * @param flows the flows' results, in the order they started
 * @param link  what the emulated link did during the run, if there was one
 */
public record LinkRun(List<TransferResult> flows, Optional<String> link) {
    public LinkRun {
        flows = List.copyOf(flows);
        if (flows.isEmpty()) {
            throw new IllegalArgumentException("a run has at least one flow");
        }
    }

    /** True if several flows shared the link at the same time. */
    public boolean together() {
        return flows.size() > 1;
    }

    /** How the flows shared the link while all of them ran; empty for one flow, or flows that barely overlapped. */
    public Optional<Fairness> fairness() {
        return Fairness.of(flows);
    }

    /** "tcp", or "rudp-1 and rudp-2 together", for report lines. */
    public String describeFlows() {
        List<String> names = flows.stream().map(TransferResult::flow).toList();
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast() + " together";
    }
}
