package net.rudp.demo.cli;

import net.rudp.CongestionControl;
import net.rudp.ConnectionConfig;
import net.rudp.demo.DemoException;
import net.rudp.demo.transport.RudpTransport;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * rudp's settings on a command line ({@code --datagram}, {@code --[no-]pmtu}, {@code --cc}, {@code --[no-]pacing}); a
 * picocli mixin that every command running rudp shares, so each knob has one name and one help text.
 */
public final class RudpOptions {
    @Option(names = "--datagram", paramLabel = "BYTES", defaultValue = "" + RudpTransport.DEFAULT_DATAGRAM_SIZE,
        description = "rudp's largest datagram in bytes (default ${DEFAULT-VALUE}, which fits any path; up to 65507, for loopback;"
            + " with --pmtu a ceiling the path MTU search may reach).")
    int datagram;

    @Option(names = "--pmtu", negatable = true, defaultValue = "false", fallbackValue = "true",
        description = "rudp starts at 1200-byte datagrams and probes up to the largest the path carries, at most --datagram"
            + " (default --no-pmtu, as the library's: --datagram from the start).")
    boolean pathMtuDiscovery;

    @Option(names = "--cc", paramLabel = "NAME", converter = CongestionControlName.class,
        description = "rudp's congestion control: newreno, cubic or bbr (default: the library's, bbr).")
    CongestionControl congestionControl;

    @Option(names = "--pacing", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "rudp spreads its sends over the round trip (default; --no-pacing: bursts as the window allows).")
    boolean pacing;

    /** rudp's configuration as these options say, the library's defaults otherwise. */
    public ConnectionConfig config() {
        try {
            return ConnectionConfig.builder().maxDatagramSize(datagram)
                .congestionControl(congestionControl != null ? congestionControl : CongestionControl.DEFAULT)
                .pacing(pacing).pathMtuDiscovery(pathMtuDiscovery).build();
        } catch (IllegalArgumentException e) {
            throw DemoException.usage("invalid --datagram " + datagram + ": " + e.getMessage());
        }
    }

    /** rudp as these options say. */
    public RudpTransport transport() {
        return new RudpTransport(config());
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
