package org.imsajames.policy;

/** A connection-control entry that cannot be used; the message names the entry and what is wrong with it. */
public class InvalidEntryException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int MAX_QUOTED = 60;

    private final String entry;
    private final String problem;

    public InvalidEntryException(String entry, String problem) {
        super(quote(entry) + " " + problem);
        this.entry = entry;
        this.problem = problem;
    }

    /**
     * Text from the input, quoted for a message; a long one is cut, so that a 100,000-character line does not end up
     * whole in the log.
     */
    static String quote(String text) {
        if (text.length() <= MAX_QUOTED) {
            return "'" + printable(text) + "'";
        }
        return "'" + printable(text.substring(0, MAX_QUOTED)) + "...' (" + text.length() + " characters)";
    }

    /** Control characters (NUL, CR, ESC, ...) escaped, so that a list file cannot write them into James's log. */
    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** The entry as written (trimmed). */
    public String entry() {
        return entry;
    }

    /** What is wrong, without the entry, e.g. "is not a contiguous netmask". */
    public String problem() {
        return problem;
    }
}
