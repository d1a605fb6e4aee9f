package net.rudp.api;

import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOption;
import java.util.Objects;
import java.util.Set;

/**
 * What both rudp impls share: answering java.net's option calls, in both their forms, from an
 * {@link OptionTable}.
 */
abstract sealed class OptionedSocketImpl extends SocketImpl permits RudpSocketImpl, RudpServerSocketImpl {

    /** This socket's options. */
    final OptionTable options;

    OptionedSocketImpl(OptionTable options) {
        this.options = options;
    }

    @Override
    protected final Set<SocketOption<?>> supportedOptions() {
        return options.supported();
    }

    @Override
    protected final <T> void setOption(SocketOption<T> name, T value) throws SocketException {
        options.set(Objects.requireNonNull(name, "name"), value);
    }

    @Override
    protected final <T> T getOption(SocketOption<T> name) {
        return options.get(Objects.requireNonNull(name, "name"));
    }

    /** The numeric form java.net's {@code setX} methods use. */
    @Override
    public void setOption(int id, Object value) throws SocketException {
        options.setNumeric(id, value);
    }

    /** The numeric form java.net's {@code getX} methods use (they cast what this returns). */
    @Override
    public Object getOption(int id) throws SocketException {
        return options.getNumeric(id);
    }
}
