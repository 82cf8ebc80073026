package org.imsajames.policy;

/** A connection-control entry that cannot be used; the message names the entry and what is wrong with it. */
public class InvalidEntryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String entry;
    private final String problem;

    public InvalidEntryException(String entry, String problem) {
        super(quote(entry) + " " + problem);
        this.entry = entry;
        this.problem = problem;
    }

    /**
     * Text from the input, quoted for a message: escaped and cut ({@link LogText}), so that neither a control
     * character nor a 100,000-character line ends up in the log.
     */
    static String quote(String text) {
        return LogText.quoted(text);
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
