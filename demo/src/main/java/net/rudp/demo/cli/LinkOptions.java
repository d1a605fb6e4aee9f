package net.rudp.demo.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import net.rudp.demo.DemoException;
import net.rudp.demo.compare.LinkSetup;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.impair.Scenario;
import picocli.CommandLine.Option;

/**
 * The link a command runs over, on its command line: a named {@link Scenario} and options that
 * change or build an {@link ImpairmentProfile} (the same each way). A picocli mixin.
 */
final class LinkOptions {
    /** The smallest queue {@code --rate} gets by default. */
    static final Duration MIN_DEFAULT_QUEUE = Duration.ofMillis(30);

    @Option(names = "--scenario", paramLabel = "NAME", description = "A named link (see above); default loopback.")
    String scenario;

    @Option(names = "--loss", converter = Converters.Percent.class, paramLabel = "PCT", description = "Random loss each way, e.g. 1%%.")
    Double loss;

    @Option(names = "--delay", converter = Converters.Time.class, paramLabel = "TIME", description = "One-way delay, e.g. 20ms.")
    Duration delay;

    @Option(names = "--jitter", converter = Converters.Time.class, paramLabel = "TIME",
        description = "Random extra delay, uniform from 0 to TIME, e.g. 5ms (reorders packets closer than that).")
    Duration jitter;

    @Option(names = "--rate", converter = Converters.Rate.class, paramLabel = "RATE", description = "Bottleneck rate, e.g. 50mbit.")
    Long rate;

    @Option(names = "--queue", converter = Converters.Time.class, paramLabel = "TIME",
        description = "The bottleneck's drop-tail queue, as the longest wait (default: the scenario's, else one "
            + "round trip, 2 x --delay, at least 30ms).")
    Duration queue;

    @Option(names = "--reorder", converter = Converters.Percent.class, paramLabel = "PCT",
        description = "Share of packets held back up to 10ms, so later ones overtake them, e.g. 1%%.")
    Double reorder;

    @Option(names = "--dup", converter = Converters.Percent.class, paramLabel = "PCT", description = "Share of packets delivered twice, e.g. 0.5%%.")
    Double duplicate;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
        description = "Seed of the link's randomness and the byte pattern (default ${DEFAULT-VALUE}).")
    long seed;

    /** For --help (where % must be doubled): one line per scenario with its profile. */
    static String scenarioHelp() {
        return Arrays.stream(Scenario.values())
            .map(s -> String.format("  %-11s %s", s.cliName(), s == Scenario.LOOPBACK
                ? "this host's loopback interface, no emulated link" : s.profile().format().replace("%", "%%")))
            .collect(Collectors.joining("%n"));
    }

    /**
     * The emulated link asked for, or empty for plain loopback.
     *
     * @throws DemoException (usage) for an unknown scenario or impossible combination
     */
    Optional<LinkSetup> link() {
        Scenario base;
        try {
            base = scenario == null ? null : Scenario.byName(scenario);
        } catch (IllegalArgumentException e) {
            throw DemoException.usage(e.getMessage());
        }
        boolean changed = loss != null || delay != null || jitter != null || rate != null || queue != null
            || reorder != null || duplicate != null;
        if (!changed) {
            return base == null || base == Scenario.LOOPBACK ? Optional.empty()
                : Optional.of(new LinkSetup(base.cliName(), base.profile(), seed));
        }
        if (base == Scenario.LOOPBACK) {
            throw DemoException.usage("--scenario loopback has no emulated link to impair: drop --scenario, "
                + "or drop --loss/--delay/--jitter/--rate/--queue/--reorder/--dup");
        }
        ImpairmentProfile start = base == null ? ImpairmentProfile.NONE : base.profile();
        String name = base == null ? "custom" : base.cliName() + " changed";
        try {
            return Optional.of(new LinkSetup(name, apply(start), seed));
        } catch (IllegalArgumentException e) {
            throw DemoException.usage(e.getMessage());
        }
    }

    private ImpairmentProfile apply(ImpairmentProfile p) {
        if (loss != null) {
            p = p.withLoss(loss);
        }
        if (duplicate != null) {
            p = p.withDuplication(duplicate);
        }
        if (reorder != null) {
            p = p.withReordering(reorder, reorder > 0 ? ImpairmentProfile.DEFAULT_REORDER_HOLD_NANOS : 0);
        }
        if (delay != null || jitter != null) {
            p = p.withDelay(delay != null ? delay.toNanos() : p.delayNanos(), jitter != null ? jitter.toNanos() : p.jitterNanos());
        }
        long bitsPerSecond = rate != null ? rate : p.rateBitsPerSecond();
        if (queue != null && bitsPerSecond == 0) {
            throw DemoException.usage("--queue needs a rate limit: add --rate (a link without one never queues)");
        }
        if (rate != null || queue != null) {
            long queueNanos = queue != null ? queue.toNanos()
                : p.rateBitsPerSecond() > 0 ? p.queueNanos()
                : Math.max(MIN_DEFAULT_QUEUE.toNanos(), 2 * p.delayNanos());
            p = p.withRate(bitsPerSecond, queueNanos);
        }
        return p;
    }
}
