package org.imsajames.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.imsajames.policy.EntryParser;
import org.imsajames.policy.InvalidEntryException;
import org.imsajames.policy.ListEntry;
import org.imsajames.settings.Located;
import org.imsajames.settings.Printable;
import org.imsajames.settings.SettingsException;

/**
 * Reads one IMSA "Import from file" list as a stream: one entry a line, '#' starts a comment (whole line or
 * trailing), blank lines ignored; a file is used whole or not at all. Only the canonical form of each entry is
 * kept (in the caller's set), a line longer than {@value #MAX_LINE} characters is refused before it is held whole,
 * and the number of distinct entries is bounded, so a huge file fails with a message instead of the heap.
 */
final class ImportFileReader {
    static final int MAX_LINE = 4096;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Set<String> entries;
    private final int maxEntries;
    private final Warnings warnings;

    /** @param entries where canonical entries are added (duplicates collapse); at most maxEntries in all */
    ImportFileReader(Set<String> entries, int maxEntries, Warnings warnings) {
        this.entries = entries;
        this.maxEntries = maxEntries;
        this.warnings = warnings;
    }

    void read(Located<Path> file) throws SettingsException {
        Path path = file.value();
        String name = Printable.escape(path.getFileName() == null ? path.toString() : path.getFileName().toString());
        String importedAt = " (imported at " + file.origin() + ")";
        if (!Files.isRegularFile(path)) {
            throw new SettingsException(name + ": not a regular file" + importedAt);
        }
        Problems problems = new Problems();
        try (InputStream input = Files.newInputStream(path);
             Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            StringBuilder line = new StringBuilder();
            int lineNumber = 1;
            boolean tooLong = false;
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        if (!tooLong) {
                            add(line.toString(), name, lineNumber, problems, importedAt);
                        }
                        line.setLength(0);
                        tooLong = false;
                        lineNumber++;
                    } else if (!tooLong) {
                        line.append(c);
                        if (line.length() > MAX_LINE) {
                            problems.note(lineNumber, "line " + Printable.quote(line.toString()) + " is longer than "
                                    + MAX_LINE + " characters");
                            line.setLength(0);
                            tooLong = true;
                        }
                    }
                }
            }
            if (!tooLong && line.length() > 0) {
                add(line.toString(), name, lineNumber, problems, importedAt);
            }
        } catch (CharacterCodingException e) {
            throw new SettingsException(name + ": cannot read: not UTF-8 text" + importedAt);
        } catch (AccessDeniedException e) {
            throw new SettingsException(name + ": cannot read: permission denied" + importedAt);
        } catch (IOException e) {
            throw new SettingsException(name + ": cannot read: " + Printable.escape(String.valueOf(e.getMessage()))
                    + importedAt);
        }
        problems.throwIfAny(name, importedAt);
    }

    private void add(String rawLine, String name, int lineNumber, Problems problems, String importedAt)
            throws SettingsException {
        String text = withoutComment(rawLine, lineNumber == 1).trim();
        if (text.isEmpty()) {
            return;
        }
        ListEntry entry;
        try {
            entry = EntryParser.parse(text, name + ":" + lineNumber);
        } catch (InvalidEntryException e) {
            problems.note(lineNumber, Printable.quote(e.entry()) + " " + e.problem());
            return;
        }
        if (problems.count > 0) {
            return;
        }
        if (entry.hostBitsSet()) {
            warnings.add(entry.origin() + ": '" + entry.source() + "' has host bits set; it means " + entry.canonical());
        }
        if (entries.add(entry.canonical()) && entries.size() > maxEntries) {
            throw new SettingsException(String.format(Locale.ROOT, "%s:%d: more than %,d connection-control entries"
                    + " in all; split the list or raise connectionControl.maxEntries%s", name, lineNumber, maxEntries,
                    importedAt));
        }
    }

    private static String withoutComment(String line, boolean firstLine) {
        String text = firstLine && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    /** The first problem and how many lines had one. */
    private static final class Problems {
        int count;
        int firstLine;
        String first;

        void note(int lineNumber, String problem) {
            if (count++ == 0) {
                firstLine = lineNumber;
                first = problem;
            }
        }

        void throwIfAny(String name, String importedAt) throws SettingsException {
            if (count > 0) {
                String more = count == 1 ? "" : String.format(Locale.ROOT, " (and %,d more invalid line%s)",
                        count - 1, count > 2 ? "s" : "");
                throw new SettingsException(name + ":" + firstLine + ": " + first + more + importedAt);
            }
        }
    }
}
