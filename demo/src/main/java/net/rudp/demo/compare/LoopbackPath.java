package net.rudp.demo.compare;

import java.net.InetAddress;
import java.util.Optional;

/** Both endpoints on this host, talking over the loopback interface; needs no privileges. */
public final class LoopbackPath implements NetworkPath {

    @Override
    public String description() {
        return "loopback (" + receiverAddress().getHostAddress() + ", no impairment)";
    }

    @Override
    public InetAddress receiverAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public void resetLink() {}

    @Override
    public Optional<String> linkReport() {
        return Optional.empty();
    }

    @Override
    public void close() {}
}
