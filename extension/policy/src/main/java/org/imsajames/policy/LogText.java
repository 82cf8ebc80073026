package org.imsajames.policy;

/**
 * Client or file text made safe to echo in a log line or an error message: it cannot start a new line, move the
 * cursor, change colours, reorder what a terminal shows, or fill the log.
 *
 * <p>Control characters (C0 with CR, LF, ESC and NUL, DEL, C1), line and paragraph separators, bidi controls and
 * other invisible format characters, and unpaired surrogates become visible escapes ({@code \r}, {@code \x1b},
 * {@code \u202e}); a backslash is doubled so that an escape in the input cannot pass for one of ours. Text longer
 * than {@link #CUT} characters is cut there and followed by its length: {@code "MAIL FROM:<xxx...(4000 chars)"}
 * (ASCII, so that it reads the same in a log written in any encoding).
 */
public final class LogText {
    /** A format character outside the BMP (a tag, U+E0001) is escaped as its two surrogates. */
    private static final String LONGEST_ESCAPE = "\\udb40\\udc01";
    /** How much of the escaped text is kept before the cut. */
    public static final int CUT = 40;
    /** The longest result: the cut, one escape that straddles it, and the "...(N chars)" suffix. */
    public static final int MAX_LENGTH = CUT + LONGEST_ESCAPE.length() - 1 + "...(".length()
        + String.valueOf(Integer.MAX_VALUE).length() + " chars)".length();

    private LogText() {
    }

    /** The text escaped and cut; "null" for null. */
    public static String of(CharSequence text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), CUT) + 16);
        int length = text.length();
        for (int i = 0; i < length; ) {
            if (out.length() >= CUT) {
                return out.append("...(").append(length).append(" chars)").toString();
            }
            int codePoint = Character.codePointAt(text, i);
            i += Character.charCount(codePoint);
            append(out, codePoint);
        }
        return out.toString();
    }

    /** Escaped but not cut: for names the operator chose (a file name), which are short but may be odd. */
    public static String escaped(CharSequence text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> append(out, codePoint));
        return out.toString();
    }

    /** As {@link #of}, in single quotes. */
    public static String quoted(CharSequence text) {
        return "'" + of(text) + "'";
    }

    /** Whether a code point must not reach a log as it is. */
    public static boolean unsafe(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:             // C0, DEL, C1
            case Character.LINE_SEPARATOR:      // U+2028
            case Character.PARAGRAPH_SEPARATOR: // U+2029
            case Character.FORMAT:              // bidi controls (U+202A-E, U+2066-9, U+200E/F, U+061C), ZWSP, BOM
            case Character.SURROGATE:           // unpaired: it would be written as '?' or break the encoder
                return true;
            default:
                return false;
        }
    }

    private static void append(StringBuilder out, int codePoint) {
        switch (codePoint) {
            case '\r':
                out.append("\\r");
                return;
            case '\n':
                out.append("\\n");
                return;
            case '\t':
                out.append("\\t");
                return;
            case '\\':
                out.append("\\\\");
                return;
            default:
                break;
        }
        if (codePoint < 0x100 && unsafe(codePoint)) {
            out.append("\\x").append(Character.forDigit(codePoint >> 4, 16)).append(Character.forDigit(codePoint & 0xf, 16));
        } else if (unsafe(codePoint)) {
            // FORMAT characters above the BMP (U+E0001 tags) are written as their surrogate pair, each escaped.
            for (char c : Character.toChars(codePoint)) {
                out.append("\\u").append(String.format("%04x", (int) c));
            }
        } else {
            out.appendCodePoint(codePoint);
        }
    }
}
