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
            return "'" + text + "'";
        }
        return "'" + text.substring(0, MAX_QUOTED) + "...' (" + text.length() + " characters)";
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
