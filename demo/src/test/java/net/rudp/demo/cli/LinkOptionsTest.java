package net.rudp.demo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import net.rudp.demo.compare.LinkSetup;
import net.rudp.impair.ImpairmentProfile;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class LinkOptionsTest {

    @Command
    static final class Holder {
        @Mixin
        LinkOptions options;
    }

    private static Optional<LinkSetup> link(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options.link();
    }

    private static String profile(String... args) {
        return link(args).orElseThrow().eachWay().format();
    }

    @Test
    void withoutAnyLinkOptionItIsLoopback() {
        assertEquals(Optional.empty(), link());
        assertEquals(Optional.empty(), link("--scenario", "loopback"));
    }

    @Test
    void aScenarioIsUsedAsTheProjectNamesIt() {
        assertEquals(new LinkSetup("wan-loss1", ImpairmentProfile.parse("rate=50mbit,queue=30ms,delay=10ms,loss=1%"), 7),
            link("--scenario", "wan-loss1", "--seed", "7").orElseThrow());
    }

    @Test
    void optionsChangeTheScenariosProfile() {
        LinkSetup changed = link("--scenario", "wan", "--loss", "5%", "--jitter", "2ms").orElseThrow();
        assertEquals("wan changed", changed.name());
        assertEquals("loss=5%,delay=10ms,jitter=2ms,rate=50mbit,queue=30ms", changed.eachWay().format());
        assertEquals("loss=1%,delay=10ms,rate=20mbit,queue=30ms", profile("--scenario", "wan-loss1", "--rate", "20mbit"),
            "a new rate keeps the scenario's queue");
    }

    @Test
    void optionsAloneBuildAProfileFromNothing() {
        assertEquals("custom", link("--loss", "1%").orElseThrow().name());
        assertEquals("loss=1%", profile("--loss", "1%"));
        assertEquals("dup=0.5%,reorder=2%,reorderhold=10ms", profile("--dup", "0.5%", "--reorder", "2%"));
        assertEquals(ImpairmentProfile.NONE, link("--delay", "0ms").orElseThrow().eachWay(), "the test bed with a clean link");
    }

    @Test
    void theQueueDefaultsToOneRoundTripButAtLeast30Milliseconds() {
        assertEquals("delay=10ms,rate=50mbit,queue=30ms", profile("--rate", "50mbit", "--delay", "10ms"));
        assertEquals("delay=300ms,rate=10mbit,queue=600ms", profile("--rate", "10mbit", "--delay", "300ms"));
        assertEquals("delay=300ms,rate=10mbit,queue=5ms", profile("--rate", "10mbit", "--delay", "300ms", "--queue", "5ms"));
    }
}
