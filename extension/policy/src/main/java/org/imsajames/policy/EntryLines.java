package org.imsajames.policy;

import java.util.function.Consumer;

/**
 * The entry lines of one list, in order: each entry goes to the sink as soon as it is parsed; the first problem
 * and the number of invalid lines are kept, so that one message tells the operator where to start and how much
 * more there is to fix. Shared by import files ({@link ListFile}) and the watched policy file ({@link PolicyFile}).
 */
final class EntryLines {
    private final String sourceName;
    private final Consumer<ListEntry> sink;
    private int entries;
    private int invalidLines;
    private int firstInvalidLine;
    private String firstProblem;

    EntryLines(String sourceName, Consumer<ListEntry> sink) {
        this.sourceName = sourceName;
        this.sink = sink;
    }

    /** text: the line without its comment, trimmed and not empty. */
    void add(String text, int lineNumber) {
        entries++;
        try {
            sink.accept(EntryParser.parse(text, sourceName + ":" + lineNumber));
        } catch (InvalidEntryException e) {
            invalidLines++;
            if (firstProblem == null) {
                firstInvalidLine = lineNumber;
                firstProblem = e.getMessage();
            }
        }
    }

    /** Entry lines seen, valid or not. */
    int count() {
        return entries;
    }

    void finish() throws ListFileException {
        if (invalidLines > 0) {
            String more = invalidLines == 1 ? ""
                    : " (and " + (invalidLines - 1) + " more invalid line" + (invalidLines > 2 ? "s" : "") + ")";
            throw new ListFileException(sourceName, firstInvalidLine, firstProblem + more);
        }
    }
}
