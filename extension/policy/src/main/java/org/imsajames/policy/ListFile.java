package org.imsajames.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * IMSA "Import from file": one entry a line, '#' starts a comment (whole line or trailing), blank lines ignored.
 * A file is used whole or not at all: any invalid line makes it fail. Lines starting "#!" are plain comments here;
 * they are directives only in the file the handler watches ({@link PolicyFile}).
 */
public final class ListFile {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ListFile() {
    }

    /** Reads a UTF-8 list file; each entry's origin is "fileName:lineNumber". */
    public static List<ListEntry> read(Path file) throws ListFileException {
        List<ListEntry> entries = new ArrayList<>();
        read(file, entries::add);
        return entries;
    }

    /**
     * Reads a UTF-8 list file line by line, handing each entry to sink as soon as it is parsed, so that a
     * million-line file is never held in memory whole. On failure the entries already handed over must be dropped.
     */
    public static void read(Path file, Consumer<ListEntry> sink) throws ListFileException {
        String sourceName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        Lines lines = new Lines(sourceName, sink);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new ListFileException(sourceName, 0, "cannot read: " + reason(e));
        }
        lines.finish();
    }

    /** Parses lines already read; sourceName labels entries and errors ("sourceName:lineNumber"). */
    public static List<ListEntry> parse(String sourceName, List<String> lines) throws ListFileException {
        List<ListEntry> entries = new ArrayList<>(lines.size());
        parse(sourceName, lines, entries::add);
        return entries;
    }

    /** Parses lines already read, handing each entry to sink; on failure its entries must be dropped. */
    public static void parse(String sourceName, Iterable<String> lines, Consumer<ListEntry> sink)
            throws ListFileException {
        Lines parsed = new Lines(sourceName, sink);
        lines.forEach(parsed::add);
        parsed.finish();
    }

    /** Import-file lines: '#' (including "#!") starts a comment anywhere. */
    private static final class Lines {
        private final EntryLines entries;
        private int lineNumber;

        Lines(String sourceName, Consumer<ListEntry> sink) {
            this.entries = new EntryLines(sourceName, sink);
        }

        void add(String line) {
            lineNumber++;
            String text = withoutComment(line, lineNumber == 1).trim();
            if (!text.isEmpty()) {
                entries.add(text, lineNumber);
            }
        }

        void finish() throws ListFileException {
            entries.finish();
        }
    }

    static String withoutComment(String line, boolean firstLine) {
        String text = firstLine && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        // The message names paths and may carry what the operating system said: escaped, never raw.
        return e.getMessage() == null ? e.getClass().getSimpleName() : LogText.escaped(e.getMessage());
    }
}
