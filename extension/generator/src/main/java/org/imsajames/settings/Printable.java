package org.imsajames.settings;

/**
 * Text from files or the environment made safe to print: control characters (C0, DEL, C1, line and paragraph
 * separators, bidirectional overrides) are written as \\uXXXX (\\n, \\r, \\t, \\0 by name), so nothing read can move
 * the cursor, colour the terminal, start a fake line or hide what follows; and quoted input is cut.
 */
public final class Printable {
    /** How much of quoted input an error shows. */
    public static final int MAX_QUOTED = 40;

    private Printable() {
    }

    /** The whole text, every control character escaped. */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** Input quoted for a message: 'first 40 characters...' (N characters) when longer, escaped either way. */
    public static String quote(String text) {
        if (text.length() <= MAX_QUOTED) {
            return "'" + escape(text) + "'";
        }
        return "'" + escape(text.substring(0, MAX_QUOTED)) + "...' (" + text.length() + " characters)";
    }

    private static String replacement(char c) {
        switch (c) {
            case '\0':
                return "\\0";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\ufeff';
        return control ? String.format("\\u%04x", (int) c) : null;
    }
}
