package net.rudp.demo.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import net.rudp.demo.report.LinkReports;
import net.rudp.impair.UdpImpairmentRelay;

/**
 * Both endpoints on this host's loopback interface, the sender's datagrams going through a
 * {@link UdpImpairmentRelay} that applies the link's profile each way. Needs no privileges, but
 * carries UDP only: rudp crosses it, kernel TCP cannot (that needs the test bed).
 */
public final class RelayPath implements NetworkPath {
    private final LinkSetup link;
    private UdpImpairmentRelay relay;

    public RelayPath(LinkSetup link) {
        this.link = link;
    }

    @Override
    public String description() {
        return "UDP impairment relay on loopback, " + link.describe();
    }

    @Override
    public InetAddress receiverAddress() {
        return InetAddress.getLoopbackAddress();
    }

    /**
     * A relay in front of the receiver: the sender connects to it. Further receivers of the same
     * run (flows together) get further ports of the same relay, so all flows cross the same links.
     */
    @Override
    public synchronized InetSocketAddress senderTarget(int receiverPort) {
        InetSocketAddress receiver = new InetSocketAddress(receiverAddress(), receiverPort);
        try {
            if (relay != null) {
                return relay.addRoute(receiver);
            }
            // The relay derives its two links' seeds from this one as LinkSetup.directionSeeds() does.
            relay = new UdpImpairmentRelay(receiver, link.eachWay(), link.eachWay(), link.seed());
            relay.start();
            return relay.address();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the UDP impairment relay", e);
        }
    }

    /** The next run's relay is made when its first receiver's port is known. */
    @Override
    public synchronized void resetLink() {
        closeRelay();
    }

    @Override
    public synchronized Optional<String> linkReport() {
        if (relay == null) {
            return Optional.empty();
        }
        return Optional.of("sender->receiver: " + LinkReports.describe(relay.toServerStats())
            + "\nreceiver->sender: " + LinkReports.describe(relay.toClientStats())
            + "\ndatagrams the relay itself could not pass on (socket buffers full): " + relay.droppedLocally());
    }

    @Override
    public synchronized void close() {
        closeRelay();
    }

    private void closeRelay() {
        if (relay != null) {
            try {
                relay.close();
            } catch (IOException e) {
                throw new UncheckedIOException("the UDP impairment relay failed", e);
            } finally {
                relay = null;
            }
        }
    }
}
