package org.permasar.io.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON reader and writer of the I/O layer (RFC 8259: objects, arrays, strings, numbers, booleans
 * and null), for Zarr v2 metadata ({@code .zarray}, {@code .zgroup}, {@code .zattrs}) and GeoJSON
 * ({@link org.permasar.io.vector.GeoJsonVectors}). Parsing also accepts
 * the bare {@code NaN}, {@code Infinity} and {@code -Infinity} tokens that Python's {@code json}
 * module writes by default.
 *
 * <p>Parsed values are {@code Map<String,Object>} (insertion ordered), {@code List<Object>},
 * {@code String}, {@code Long} (integers without fraction or exponent), {@code Double},
 * {@code Boolean} or {@code null}. Stateless and thread-safe.
 */
public final class Json {

    private Json() {
    }

    /** Thrown for text that is not JSON; the message carries the offset and what was expected. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------------------ writing

    /** Pretty-printed JSON of a value made of maps, lists, strings, numbers, booleans and null. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(value, b, 0);
        return b.append('\n').toString();
    }

    private static void write(Object v, StringBuilder b, int indent) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            quote(s, b);
        } else if (v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON cannot hold " + d + ": store it as a string");
            }
            b.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
        } else if (v instanceof Number n) {
            b.append(n.longValue());
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pad(b, indent + 4);
                quote(String.valueOf(e.getKey()), b);
                b.append(": ");
                write(e.getValue(), b, indent + 4);
                b.append(++i < m.size() ? ",\n" : "\n");
            }
            pad(b, indent);
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                write(l.get(i), b, indent);
            }
            b.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    private static void pad(StringBuilder b, int n) {
        for (int i = 0; i < n; i++) {
            b.append(' ');
        }
    }

    public static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    // ------------------------------------------------------------------------------ parsing

    /** Parses one JSON value; trailing non-blank text is an error. */
    public static Object parse(String text) throws SyntaxException {
        Parser p = new Parser(text);
        Object v = p.value();
        p.blank();
        if (p.pos < text.length()) {
            throw p.error("end of text");
        }
        return v;
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) throws SyntaxException {
        Object v = parse(text);
        if (!(v instanceof Map)) {
            throw new SyntaxException("expected a JSON object, found " + (v == null ? "null" : v.getClass().getSimpleName()));
        }
        return (Map<String, Object>) v;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        SyntaxException error(String expected) {
            String found = pos < s.length() ? "'" + s.charAt(pos) + "'" : "end of text";
            return new SyntaxException("JSON: expected " + expected + " at offset " + pos + ", found " + found);
        }

        void blank() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean token(String t) {
            if (s.startsWith(t, pos)) {
                pos += t.length();
                return true;
            }
            return false;
        }

        Object value() throws SyntaxException {
            blank();
            if (pos >= s.length()) {
                throw error("a value");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                return object();
            } else if (c == '[') {
                return array();
            } else if (c == '"') {
                return string();
            } else if (token("true")) {
                return Boolean.TRUE;
            } else if (token("false")) {
                return Boolean.FALSE;
            } else if (token("null")) {
                return null;
            } else if (token("NaN")) {
                return Double.NaN;
            } else if (token("Infinity")) {
                return Double.POSITIVE_INFINITY;
            } else if (token("-Infinity")) {
                return Double.NEGATIVE_INFINITY;
            }
            return number();
        }

        Map<String, Object> object() throws SyntaxException {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            blank();
            if (token("}")) {
                return m;
            }
            while (true) {
                blank();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw error("a quoted key");
                }
                String k = string();
                blank();
                if (!token(":")) {
                    throw error("':'");
                }
                m.put(k, value());
                blank();
                if (token("}")) {
                    return m;
                }
                if (!token(",")) {
                    throw error("',' or '}'");
                }
            }
        }

        List<Object> array() throws SyntaxException {
            List<Object> l = new ArrayList<>();
            pos++;
            blank();
            if (token("]")) {
                return l;
            }
            while (true) {
                l.add(value());
                blank();
                if (token("]")) {
                    return l;
                }
                if (!token(",")) {
                    throw error("',' or ']'");
                }
            }
        }

        String string() throws SyntaxException {
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    break;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("4 hex digits");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("4 hex digits");
                        }
                        pos += 4;
                    }
                    default -> {
                        pos--;
                        throw error("an escape character");
                    }
                }
            }
            throw error("closing '\"'");
        }

        Object number() throws SyntaxException {
            int start = pos;
            boolean integral = true;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c >= '0' && c <= '9' || c == '-' || c == '+') {
                    pos++;
                } else if (c == '.' || c == 'e' || c == 'E') {
                    integral = false;
                    pos++;
                } else {
                    break;
                }
            }
            String t = s.substring(start, pos);
            if (t.isEmpty()) {
                throw error("a value");
            }
            try {
                return integral ? (Object) Long.parseLong(t) : (Object) Double.parseDouble(t);
            } catch (NumberFormatException x) {
                pos = start;
                throw error("a number");
            }
        }
    }
}
