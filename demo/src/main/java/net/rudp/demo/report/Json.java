package net.rudp.demo.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the demo needs: writing nested maps, lists, strings, numbers and booleans
 * (reports, and the one-line events endpoint processes print), and reading back one flat object
 * (an event line). Not a general JSON library.
 */
public final class Json {
    private Json() {}

    /** An object to write, its fields in the order given: {@code object("a", 1, "b", "x")}. */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("an object needs a value for each key: " + keysAndValues.length + " arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** Writes {@code value}: a Map with String keys, a List, a String, a Number, a Boolean or null. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String s -> quote(s, out);
            case Boolean b -> out.append(b);
            case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
            case Number n -> out.append(n);
            case Map<?, ?> map -> {
                out.append('{');
                String separator = "";
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(separator);
                    quote((String) e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                    separator = ",";
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("JSON cannot hold a " + value.getClass().getName());
        }
    }

    private static void quote(String s, StringBuilder out) {
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
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Reads one flat object whose values are strings, integers (as Long), decimals (as Double),
     * booleans or null.
     *
     * @throws IllegalArgumentException if {@code text} is not such an object
     */
    public static Map<String, Object> readFlatObject(String text) {
        return new FlatReader(text).object();
    }

    private static final class FlatReader {
        private final String text;
        private int at;

        FlatReader(String text) {
            this.text = text;
        }

        Map<String, Object> object() {
            Map<String, Object> result = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                at++;
            } else {
                do {
                    String key = string();
                    expect(':');
                    result.put(key, value());
                } while (next() == ',');
                at--;
                expect('}');
            }
            skipSpace();
            if (at != text.length()) {
                throw error("text after the object");
            }
            return result;
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            int start = at;
            while (at < text.length() && ",}] \t".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            String word = text.substring(start, at);
            return switch (word) {
                case "true" -> true;
                case "false" -> false;
                case "null" -> null;
                default -> number(word);
            };
        }

        private Object number(String word) {
            try {
                return word.contains(".") || word.contains("e") || word.contains("E")
                    ? (Object) Double.parseDouble(word) : (Object) Long.parseLong(word);
            } catch (NumberFormatException e) {
                throw error("a value must be a string, number, boolean or null, not '" + word + "'");
            }
        }

        private String string() {
            expect('"');
            StringBuilder s = new StringBuilder();
            for (char c; (c = raw()) != '"'; ) {
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char escaped = raw();
                switch (escaped) {
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("a \\u escape needs 4 hex digits");
                        }
                        s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> s.append(escaped);
                }
            }
            return s.toString();
        }

        private char raw() {
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at++);
        }

        private char next() {
            skipSpace();
            return raw();
        }

        private char peek() {
            skipSpace();
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at);
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not a flat JSON object (" + what + " at character " + at + "): " + text);
        }
    }
}
