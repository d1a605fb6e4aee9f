package net.rudp.demo.tools;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The seed's two forms of a server. */
public enum EchoMode {
    /** One client at a time, first come first served: the others wait in the listen backlog. */
    REPETITIVE,
    /** A virtual thread per accepted connection: every client is served at once. */
    CONCURRENT;

    /** The name on the command line and in output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code repetitive} or {@code concurrent}. */
    static final class Converter implements ITypeConverter<EchoMode> {
        @Override
        public EchoMode convert(String text) {
            return Arrays.stream(values()).filter(m -> m.label().equals(text)).findFirst().orElseThrow(() ->
                new TypeConversionException("invalid mode '" + text + "': use repetitive or concurrent"));
        }
    }
}
