package net.rudp.demo.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import net.rudp.demo.testbed.LinkSpec;

/**
 * The named network conditions {@code compare --scenario} offers. {@code loopback} uses the
 * kernel's loopback interface (no privileges needed); the others run over the test bed's
 * emulated link (root only).
 */
enum Scenario {
    LOOPBACK("loopback", "this host's loopback interface, no impairment", null),
    CLEAN("clean", "the test bed's emulated link without impairment", LinkSpec.CLEAN),
    WAN("wan", "50 Mbit/s bottleneck, 20 ms one-way delay", LinkSpec.CLEAN.withRate(50_000_000).withDelay(Duration.ofMillis(20))),
    WAN_LOSS1("wan-loss1", "as wan, plus 1% random loss each way", WAN.link.withLoss(0.01));

    private final String cliName;
    private final String description;
    private final LinkSpec link;

    Scenario(String cliName, String description, LinkSpec link) {
        this.cliName = cliName;
        this.description = description;
        this.link = link;
    }

    String cliName() {
        return cliName;
    }

    /** The emulated link's impairments, or empty for plain loopback. */
    Optional<LinkSpec> link() {
        return Optional.ofNullable(link);
    }

    static Scenario byName(String name) {
        return Arrays.stream(values()).filter(s -> s.cliName.equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name + "': use one of " + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", "));
    }

    /** For picocli's --help text (where % must be doubled): one line per scenario. */
    static String helpList() {
        return Arrays.stream(values()).map(s -> String.format("  %-10s %s", s.cliName, s.description.replace("%", "%%")))
            .collect(Collectors.joining("%n"));
    }
}
