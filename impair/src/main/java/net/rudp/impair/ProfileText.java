package net.rudp.impair;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The compact text form of an {@link ImpairmentProfile} (see {@link ImpairmentProfile#parse}). */
final class ProfileText {
    private ProfileText() {}

    /** How a key's value is written. */
    private enum Kind {
        PERCENT("a percentage like 0.5%", List.of()),
        TIME("a time like 20ms (units s, ms, us, ns) or 0",
            List.of(new Unit("s", 1_000_000_000L), new Unit("ms", 1_000_000L), new Unit("us", 1_000L), new Unit("ns", 1L))),
        RATE("a rate like 50mbit (units gbit, mbit, kbit, bit: bits per second) or 0",
            List.of(new Unit("gbit", 1_000_000_000L), new Unit("mbit", 1_000_000L), new Unit("kbit", 1_000L), new Unit("bit", 1L)));

        final String form;
        /** Largest first, as {@link #formatWithUnit} picks them. */
        final List<Unit> units;

        Kind(String form, List<Unit> units) {
            this.form = form;
            this.units = units;
        }
    }

    private record Unit(String name, long scale) {}

    /** The keys, in the order {@link #format} writes them. */
    private enum Key {
        LOSS("loss", Kind.PERCENT),
        DELAY("delay", Kind.TIME),
        JITTER("jitter", Kind.TIME),
        RATE("rate", Kind.RATE),
        QUEUE("queue", Kind.TIME),
        DUP("dup", Kind.PERCENT),
        REORDER("reorder", Kind.PERCENT),
        REORDER_HOLD("reorderhold", Kind.TIME),
        CORRUPT("corrupt", Kind.PERCENT),
        TRUNCATE("truncate", Kind.PERCENT);

        final String text;
        final Kind kind;

        Key(String text, Kind kind) {
            this.text = text;
            this.kind = kind;
        }

        static Key of(String text, String part) {
            for (Key k : values()) {
                if (k.text.equals(text)) return k;
            }
            throw new IllegalArgumentException("unknown impairment '" + text + "' in '" + part + "'; known: "
                + Arrays.stream(values()).map(k -> k.text).collect(Collectors.joining(", ")));
        }
    }

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)([a-z%]*)");

    static ImpairmentProfile parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty() || trimmed.equals("none")) return ImpairmentProfile.NONE;
        Map<Key, BigDecimal> values = new EnumMap<>(Key.class);
        for (String part : trimmed.split(",", -1)) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("impairment '" + p + "' must be key=value, as in loss=1%,delay=20ms");
            }
            Key key = Key.of(p.substring(0, eq).strip(), p);
            if (values.containsKey(key)) {
                throw new IllegalArgumentException("impairment '" + key.text + "' given twice in '" + text + "'");
            }
            values.put(key, parseValue(key, p.substring(eq + 1).strip()));
        }
        if (values.containsKey(Key.RATE) && !values.containsKey(Key.QUEUE)) {
            throw new IllegalArgumentException("rate needs queue=<time>, the drop-tail queue limit,"
                + " as in rate=50mbit,queue=30ms: '" + text + "'");
        }
        long hold = values.containsKey(Key.REORDER) && !values.containsKey(Key.REORDER_HOLD)
            ? ImpairmentProfile.DEFAULT_REORDER_HOLD_NANOS
            : whole(values, Key.REORDER_HOLD);
        return new ImpairmentProfile(
            fraction(values, Key.LOSS), fraction(values, Key.DUP), fraction(values, Key.REORDER), hold,
            whole(values, Key.DELAY), whole(values, Key.JITTER),
            fraction(values, Key.CORRUPT), fraction(values, Key.TRUNCATE),
            whole(values, Key.RATE), whole(values, Key.QUEUE));
    }

    static String format(ImpairmentProfile p) {
        StringBuilder out = new StringBuilder();
        for (Key key : Key.values()) {
            String value = switch (key) {
                case LOSS -> percent(p.loss());
                case DELAY -> withUnit(key, p.delayNanos());
                case JITTER -> withUnit(key, p.jitterNanos());
                case RATE -> withUnit(key, p.rateBitsPerSecond());
                // Written whenever there is a rate: the parser insists on it.
                case QUEUE -> p.rateBitsPerSecond() > 0 ? formatWithUnit(key.kind, p.queueNanos()) : null;
                case DUP -> percent(p.duplication());
                case REORDER -> percent(p.reordering());
                case REORDER_HOLD -> withUnit(key, p.reorderHoldNanos());
                case CORRUPT -> percent(p.corruption());
                case TRUNCATE -> percent(p.truncation());
            };
            if (value != null) {
                if (!out.isEmpty()) out.append(',');
                out.append(key.text).append('=').append(value);
            }
        }
        return out.isEmpty() ? "none" : out.toString();
    }

    private static BigDecimal parseValue(Key key, String value) {
        Matcher m = NUMBER_AND_UNIT.matcher(value);
        if (!m.matches()) throw badValue(key, value);
        BigDecimal number = new BigDecimal(m.group(1));
        String unit = m.group(2);
        if (key.kind == Kind.PERCENT) {
            if (!unit.equals("%") || number.compareTo(BigDecimal.valueOf(100)) > 0) throw badValue(key, value);
            return number.movePointLeft(2);
        }
        if (unit.isEmpty() && number.signum() == 0) return BigDecimal.ZERO;
        for (Unit u : key.kind.units) {
            if (u.name.equals(unit)) {
                BigDecimal scaled = number.multiply(BigDecimal.valueOf(u.scale));
                if (scaled.stripTrailingZeros().scale() > 0) {
                    throw new IllegalArgumentException(key.text + "=" + value + " is finer than the model's resolution"
                        + " (whole nanoseconds, whole bits per second)");
                }
                return scaled;
            }
        }
        throw badValue(key, value);
    }

    private static IllegalArgumentException badValue(Key key, String value) {
        return new IllegalArgumentException(key.text + "=" + value + " is not " + key.kind.form);
    }

    private static double fraction(Map<Key, BigDecimal> values, Key key) {
        BigDecimal v = values.get(key);
        return v == null ? 0 : v.doubleValue();
    }

    private static long whole(Map<Key, BigDecimal> values, Key key) {
        BigDecimal v = values.get(key);
        if (v == null) return 0;
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(key.text + "=" + v.toPlainString() + " is too large", e);
        }
    }

    private static String percent(double p) {
        // BigDecimal.valueOf uses Double.toString, the shortest decimal that reads back as p.
        return p == 0 ? null : BigDecimal.valueOf(p).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static String withUnit(Key key, long value) {
        return value == 0 ? null : formatWithUnit(key.kind, value);
    }

    /** In the largest unit not above the value, with as many decimals as it takes to be exact. */
    private static String formatWithUnit(Kind kind, long value) {
        if (value == 0) return "0";
        for (Unit u : kind.units) {
            if (value >= u.scale) {
                return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(u.scale)).stripTrailingZeros().toPlainString()
                    + u.name;
            }
        }
        throw new AssertionError("the last unit has scale 1 and value > 0");
    }
}
