package net.rudp.demo.testbed;

import net.rudp.demo.DemoException;

/**
 * Makes the {@link PacketLink} for one direction of the test bed's link. The impairment model
 * plugs in here with a one-line adapter.
 */
@FunctionalInterface
public interface LinkFactory {

    /** The test bed's two directions: a is the sender's namespace, b the receiver's. */
    enum Direction { A_TO_B, B_TO_A }

    /** A fresh link for {@code direction}, impaired as {@code spec} says. */
    PacketLink create(LinkSpec spec, Direction direction);

    /**
     * What the demo has today: clean links only. Impairments need the shared impairment model
     * ({@code net.rudp.impair.ImpairedLink}), which is not wired in yet.
     */
    LinkFactory CLEAN_ONLY = (spec, direction) -> {
        if (!spec.isClean()) {
            throw DemoException.usage("impaired links (" + spec.describe() + ") need the impairment model, "
                + "which the demo does not have yet: use --scenario clean or --scenario loopback");
        }
        return new PassThroughLink();
    };
}
