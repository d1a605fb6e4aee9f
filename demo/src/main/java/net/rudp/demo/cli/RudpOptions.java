package net.rudp.demo.cli;

import net.rudp.congestion.CongestionControl;
import net.rudp.demo.DemoException;
import net.rudp.demo.transport.RudpTransport;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** rudp's settings on a command line ({@code --datagram}, {@code --cc}); a picocli mixin. */
final class RudpOptions {
    @Option(names = "--datagram", paramLabel = "BYTES", defaultValue = "" + RudpTransport.DEFAULT_DATAGRAM_SIZE,
        description = "rudp's largest datagram in bytes (default ${DEFAULT-VALUE}; up to 65507, for loopback).")
    int datagram;

    @Option(names = "--cc", paramLabel = "NAME", converter = CongestionControlName.class,
        description = "rudp's congestion control: newreno, cubic or bbr (default: the library's, bbr).")
    CongestionControl congestionControl;

    /** rudp as these options say. */
    RudpTransport transport() {
        try {
            return new RudpTransport(datagram, congestionControl != null ? congestionControl : CongestionControl.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw DemoException.usage("invalid --datagram " + datagram + ": " + e.getMessage());
        }
    }

    /** Reads the names rudp's configuration uses ("newreno", "cubic", "bbr"). */
    static final class CongestionControlName implements ITypeConverter<CongestionControl> {
        @Override
        public CongestionControl convert(String text) {
            try {
                return CongestionControl.fromName(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
