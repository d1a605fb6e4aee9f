package net.rudp.demo.compare;

import java.util.List;
import java.util.Objects;

/**
 * A whole comparison as the reports show it: where it ran, its runs, and for each run the command
 * line that repeats it.
 *
 * @param path              the path, for people, e.g. "loopback (127.0.0.1, no impairment)"
 * @param linkBitsPerSecond the emulated link's rate each way; 0 if unlimited or there is none
 * @param runs              one per transport, or one with all flows together
 * @param commands          one per run: the command that runs it again
 */
public record Comparison(String path, long linkBitsPerSecond, List<LinkRun> runs, List<String> commands) {
    public Comparison {
        Objects.requireNonNull(path, "path");
        runs = List.copyOf(runs);
        commands = List.copyOf(commands);
        if (runs.isEmpty() || commands.size() != runs.size()) {
            throw new IllegalArgumentException("one command per run: " + runs.size() + " runs, " + commands.size() + " commands");
        }
    }

    /** Every flow of every run, in order. */
    public List<TransferResult> flows() {
        return runs.stream().flatMap(r -> r.flows().stream()).toList();
    }

    /** True if the flows ran together (one run of several), not one after another. */
    public boolean together() {
        return runs.stream().anyMatch(LinkRun::together);
    }
}
