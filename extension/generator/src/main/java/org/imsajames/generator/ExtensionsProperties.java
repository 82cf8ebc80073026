package org.imsajames.generator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imsajames.handlerconf.HandlerVocabulary;

/**
 * conf/extensions.properties, whose {@code guice.extension.module} (a comma-separated list) names Guice modules that
 * James 3.8.1 instantiates while it wires its servers ({@code org.apache.james.utils.GuiceGenericLoader}), before any
 * SMTP server reads its keystore. Ours, {@value HandlerVocabulary#NATIVE_TLS_MODULE}, registers the native TLS
 * provider there, so that the keystore's private key is the provider's own object (with RSA keys that is what makes
 * the native engine faster). With {@code tls.incoming.engine: jdk} the module only logs that the JDK's crypto is
 * used, so the line stays whatever the engine: switching it is a change of jvm.properties alone.
 *
 * <p>The file is the operator's as much as ours: every line is kept as it is, and only our module is added to the
 * list (on the last {@code guice.extension.module} line, or on a new one), never twice.
 */
final class ExtensionsProperties {
    static final String MODULE_KEY = "guice.extension.module";
    static final String OUR_MODULE = HandlerVocabulary.NATIVE_TLS_MODULE;

    private ExtensionsProperties() {
    }

    /** The file to publish, and what was changed in the operator's (empty when nothing was). */
    static final class Rendered {
        final byte[] content;
        final Optional<String> change;

        private Rendered(byte[] content, Optional<String> change) {
            this.content = content;
            this.change = change;
        }
    }

    /** @param existing the file as it is in the conf folder, or null when there is none */
    static Rendered render(String existing) {
        if (existing == null) {
            String text = "# Written by imsa-james; lines other than ours are kept on the next generate.\n"
                    + "# " + OUR_MODULE + " registers the native TLS provider before James reads its keystores.\n"
                    + MODULE_KEY + "=" + OUR_MODULE + "\n";
            return new Rendered(text.getBytes(StandardCharsets.UTF_8),
                    Optional.of("extensions.properties: written with " + MODULE_KEY + "=" + OUR_MODULE));
        }
        List<String> lines = new ArrayList<>(List.of(existing.split("\n", -1)));
        int lastStart = -1;
        int lastEnd = -1;
        for (int start = 0; start < lines.size(); ) {
            int end = endOfLogicalLine(lines, start);
            if (MODULE_KEY.equals(keyOf(lines.get(start)))) {
                if (values(lines, start, end).contains(OUR_MODULE)) {
                    return new Rendered(existing.getBytes(StandardCharsets.UTF_8), Optional.empty());
                }
                lastStart = start;
                lastEnd = end;
            }
            start = end + 1;
        }
        if (lastStart >= 0) {
            if (values(lines, lastStart, lastEnd).isEmpty() && lastStart == lastEnd) {
                // "guice.extension.module=" (or the key alone): nothing of the operator's is lost.
                lines.set(lastStart, MODULE_KEY + "=" + OUR_MODULE + (lines.get(lastStart).endsWith("\r") ? "\r" : ""));
            } else {
                lines.set(lastEnd, appended(lines.get(lastEnd)));
            }
            return new Rendered(join(lines), Optional.of("extensions.properties: added " + OUR_MODULE
                    + " to the operator's " + MODULE_KEY + " (line " + (lastStart + 1) + "); its other lines"
                    + " are kept"));
        }
        boolean endsWithNewline = existing.isEmpty() || existing.endsWith("\n");
        if (!endsWithNewline) {
            lines.add("");
        }
        // split("\n", -1) leaves an empty last element for the final newline: insert before it.
        int at = lines.size() - 1;
        lines.add(at, "# Added by imsa-james: registers the native TLS provider before James reads its keystores.");
        lines.add(at + 1, MODULE_KEY + "=" + OUR_MODULE);
        return new Rendered(join(lines), Optional.of("extensions.properties: added the line " + MODULE_KEY + "="
                + OUR_MODULE + "; the operator's lines are kept"));
    }

    /** The values of a key's logical line, START to END (continuations included), split on unescaped commas. */
    static List<String> values(List<String> lines, int start, int end) {
        StringBuilder text = new StringBuilder(valueOf(lines.get(start)));
        for (int i = start + 1; i <= end; i++) {
            text.setLength(text.length() - 1);
            text.append(withoutCr(lines.get(i)).strip());
        }
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                value.append(text.charAt(++i));
            } else if (c == ',') {
                addValue(values, value);
            } else {
                value.append(c);
            }
        }
        addValue(values, value);
        return values;
    }

    private static void addValue(List<String> values, StringBuilder value) {
        String text = value.toString().strip();
        if (!text.isEmpty()) {
            values.add(text);
        }
        value.setLength(0);
    }

    /** A line whose last backslash is not itself escaped continues on the next one (java.util.Properties' rule). */
    private static int endOfLogicalLine(List<String> lines, int start) {
        if (keyOf(lines.get(start)) == null) {
            return start;
        }
        int end = start;
        while (end + 1 < lines.size() && continues(lines.get(end))) {
            end++;
        }
        return end;
    }

    private static boolean continues(String line) {
        String text = withoutCr(line);
        int backslashes = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** The key of a "key=value", "key: value" or "key value" line; null for comments and blanks. */
    static String keyOf(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) {
            return null;
        }
        int end = 0;
        while (end < text.length() && "=: \t\f".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return text.substring(0, end);
    }

    private static String valueOf(String line) {
        String text = withoutCr(line).strip();
        int i = keyOf(line).length();
        while (i < text.length() && " \t\f".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        if (i < text.length() && "=:".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return text.substring(i);
    }

    /** The line with ",OURS" after its last value (no comma when it already ends with one). */
    private static String appended(String line) {
        boolean cr = line.endsWith("\r");
        String body = withoutCr(line).stripTrailing();
        boolean endsWithComma = body.endsWith(",") && !continues(body.substring(0, body.length() - 1));
        return body + (endsWithComma ? "" : ",") + OUR_MODULE + (cr ? "\r" : "");
    }

    private static String withoutCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
}
