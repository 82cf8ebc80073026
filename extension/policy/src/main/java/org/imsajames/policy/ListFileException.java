package org.imsajames.policy;

/**
 * A list file that cannot be used, e.g. "connection-control.txt:7: '10.0.0.0:255.0.255.0' is not a contiguous
 * netmask" or "connection-control.txt: cannot read: no such file".
 */
public class ListFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final int lineNumber;

    public ListFileException(String sourceName, int lineNumber, String problem) {
        super(LogText.escaped(sourceName) + (lineNumber > 0 ? ":" + lineNumber : "") + ": " + problem);
        this.sourceName = sourceName;
        this.lineNumber = lineNumber;
    }

    public String sourceName() {
        return sourceName;
    }

    /** The line with the problem, or 0 when the problem is not about one line. */
    public int lineNumber() {
        return lineNumber;
    }
}
