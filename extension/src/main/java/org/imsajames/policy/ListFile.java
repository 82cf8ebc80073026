package org.imsajames.policy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * IMSA "Import from file": one entry a line, '#' starts a comment (whole line or trailing), blank lines ignored.
 * A file is used whole or not at all: any invalid line makes it fail.
 */
public final class ListFile {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ListFile() {
    }

    /** Reads a UTF-8 list file; each entry's origin is "fileName:lineNumber". */
    public static List<ListEntry> read(Path file) throws ListFileException {
        String sourceName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ListFileException(sourceName, 0, "cannot read: " + reason(e));
        }
        return parse(sourceName, lines);
    }

    /** Parses lines already read; sourceName labels entries and errors ("sourceName:lineNumber"). */
    public static List<ListEntry> parse(String sourceName, List<String> lines) throws ListFileException {
        List<ListEntry> entries = new ArrayList<>(lines.size());
        int invalidLines = 0;
        int firstInvalidLine = 0;
        String firstProblem = null;
        for (int i = 0; i < lines.size(); i++) {
            String text = withoutComment(lines.get(i), i == 0).trim();
            if (text.isEmpty()) {
                continue;
            }
            int lineNumber = i + 1;
            try {
                entries.add(EntryParser.parse(text, sourceName + ":" + lineNumber));
            } catch (InvalidEntryException e) {
                invalidLines++;
                if (firstProblem == null) {
                    firstInvalidLine = lineNumber;
                    firstProblem = e.getMessage();
                }
            }
        }
        if (invalidLines > 0) {
            // One message, but the operator learns when there is more to fix than the first line.
            String more = invalidLines == 1 ? ""
                    : " (and " + (invalidLines - 1) + " more invalid line" + (invalidLines > 2 ? "s" : "") + ")";
            throw new ListFileException(sourceName, firstInvalidLine, firstProblem + more);
        }
        return entries;
    }

    private static String withoutComment(String line, boolean firstLine) {
        String text = firstLine && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
