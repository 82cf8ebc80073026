package org.imsajames.bench.comparison;

import java.util.List;

/** Just enough of a JSON writer for the results file: objects, arrays, strings, numbers (NaN as null). */
final class Json {
    private final StringBuilder out = new StringBuilder();
    private boolean first = true;

    Json open(char bracket) {
        separator();
        out.append(bracket);
        first = true;
        return this;
    }

    Json close(char bracket) {
        out.append(bracket);
        first = false;
        return this;
    }

    Json key(String key) {
        separator();
        string(key);
        out.append(':');
        first = true;
        return this;
    }

    Json field(String key, Object value) {
        key(key);
        return value(value);
    }

    Json numbers(String key, List<Double> values) {
        key(key).open('[');
        values.forEach(this::value);
        return close(']');
    }

    Json value(Object value) {
        separator();
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            out.append(Double.isNaN(d) || Double.isInfinite(d) ? "null"
                : number instanceof Double || number instanceof Float ? String.format(java.util.Locale.ROOT, "%.4f", d)
                : number.toString());
        } else {
            string(value.toString());
        }
        first = false;
        return this;
    }

    private void separator() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    private void string(String text) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
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

    @Override
    public String toString() {
        return out.toString();
    }
}
