package net.rudp.trace;

/**
 * Builds one JSON text (RFC 8259) in a reusable buffer: objects, arrays, strings escaped so that
 * any Java string survives a round trip, and fixed-point numbers without a locale. Commas are
 * placed by the builder, so callers only say what comes next.
 */
final class JsonText {
    private static final int MAX_DEPTH = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(256);
    /** Per open container: whether it already holds a member, so the next one needs a comma. */
    private final boolean[] hasMember = new boolean[MAX_DEPTH];
    private int depth;
    private boolean afterName;

    /** Empties the buffer for the next text. */
    JsonText reset() {
        out.setLength(0);
        depth = 0;
        afterName = false;
        return this;
    }

    /** The text built so far. */
    CharSequence text() {
        return out;
    }

    JsonText beginObject() {
        return open('{');
    }

    JsonText endObject() {
        return close('}');
    }

    JsonText beginArray() {
        return open('[');
    }

    JsonText endArray() {
        return close(']');
    }

    /** The name of the next member of the current object. */
    JsonText name(String name) {
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    JsonText value(String value) {
        separate();
        string(value);
        return this;
    }

    JsonText value(long value) {
        separate();
        out.append(value);
        return this;
    }

    JsonText value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    /** {@code units / 10^scale} as a decimal number, e.g. nanoseconds as milliseconds with scale 6: 1500 -> 0.0015. */
    JsonText fixedPoint(long units, int scale) {
        separate();
        long divisor = pow10(scale);
        if (units < 0) out.append('-');
        long magnitude = Math.abs(units);
        out.append(magnitude / divisor);
        long fraction = magnitude % divisor;
        if (fraction != 0) {
            int digits = scale;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            out.append('.');
            for (long d = pow10(digits - 1); d > fraction; d /= 10) out.append('0');
            out.append(fraction);
        }
        return this;
    }

    private static long pow10(int exponent) {
        long p = 1;
        for (int i = 0; i < exponent; i++) p *= 10;
        return p;
    }

    private JsonText open(char bracket) {
        separate();
        if (depth == MAX_DEPTH) throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
        out.append(bracket);
        hasMember[depth++] = false;
        return this;
    }

    private JsonText close(char bracket) {
        depth--;
        out.append(bracket);
        return this;
    }

    /** A comma before every member or element but the first of its container. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (hasMember[depth - 1]) out.append(',');
            hasMember[depth - 1] = true;
        }
    }

    /**
     * RFC 8259 section 7: quotation mark, reverse solidus and the control characters U+0000 to
     * U+001F MUST be escaped. That includes U+001E, the record separator that frames JSON-SEQ
     * (RFC 7464), so no string can split a record. Unpaired surrogates are escaped too, since
     * they have no UTF-8 encoding.
     */
    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || unpairedSurrogate(s, i)) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                            .append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean unpairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        return false;
    }
}
