package org.imsajames.webadmin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imsajames.policy.AddressMatcher;
import org.imsajames.policy.ConnectionPolicy;
import org.imsajames.policy.EntryParser;
import org.imsajames.policy.InvalidEntryException;
import org.imsajames.policy.ListEntry;
import org.imsajames.policy.LogText;
import org.imsajames.policy.PolicyFile;
import org.imsajames.policy.PolicyMode;
import org.imsajames.policy.ReadLimits;

/**
 * The Connections screen's list: the mode and the entries as the admin wrote them (the list file accepts IMSA's
 * syntax, so the text is kept rather than only its CIDR). Read from, and written as, the list file the handler
 * watches; validated by the entry parser {@code imsa-james check} uses, with its messages.
 */
final class ScreenList {
    /** Errors beyond this many are counted, not listed: a bad million-line import must not make a huge reply. */
    static final int MAX_LISTED_ERRORS = 100;

    private final PolicyMode mode;
    private final List<String> entries;

    ScreenList(PolicyMode mode, List<String> entries) {
        this.mode = mode;
        this.entries = List.copyOf(entries);
    }

    PolicyMode mode() {
        return mode;
    }

    List<String> entries() {
        return entries;
    }

    /** The generation's list file, checked as the handler checks it; null when the generation has none. */
    static ScreenList read(Path generation) throws IOException {
        Path file = generation.resolve(ConnectionsFiles.LIST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        PolicyFile parsed;
        try {
            parsed = PolicyFile.read(file, ReadLimits.DEFAULT, entry -> { });
        } catch (org.imsajames.policy.ListFileException e) {
            throw new IOException("the list file in force cannot be read: " + e.getMessage(), e);
        }
        PolicyMode mode = parsed.mode().orElseThrow(() -> new IOException(
            "the list file in force has no '#! policy' line"));
        List<String> entries = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String text = withoutComment(line).trim();
                if (!text.isEmpty()) {
                    entries.add(text);
                }
            }
        }
        return new ScreenList(mode, entries);
    }

    /** The list file: mode and count first, so the handler applies it whole or not at all. */
    byte[] render(String writtenBy) {
        StringBuilder text = new StringBuilder(96 + entries.size() * 20);
        text.append("# Written by the imsa-james Connections screen (").append(LogText.escaped(writtenBy))
            .append("); change it there, or with imsa-james generate --update.\n");
        text.append("#! policy ").append(mode.setting()).append('\n');
        text.append("#! entries ").append(entries.size()).append('\n');
        for (String entry : entries) {
            text.append(entry).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    ConnectionPolicy policy() throws InvalidEntryException {
        AddressMatcher.Builder matcher = AddressMatcher.builder();
        for (String entry : entries) {
            matcher.add(EntryParser.parse(entry, "list"));
        }
        return new ConnectionPolicy(mode, matcher.build());
    }

    /**
     * Entries of a PUT: each trimmed and parsed; all problems at once, {@code index} into the request's array.
     * Duplicates (same text) are kept once.
     */
    static List<String> checkEntries(List<String> given) throws ApiError {
        List<Map<String, Object>> errors = new ArrayList<>();
        int failed = 0;
        java.util.LinkedHashSet<String> kept = new java.util.LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String text = given.get(i);
            try {
                ListEntry entry = EntryParser.parse(text, "entries[" + i + "]");
                kept.add(entry.source());
            } catch (InvalidEntryException e) {
                failed++;
                if (errors.size() < MAX_LISTED_ERRORS) {
                    errors.add(error("index", i, text, e.getMessage()));
                }
            }
        }
        if (failed > 0) {
            throw new ApiError(400, failed + (failed == 1 ? " entry is" : " entries are") + " not valid; nothing"
                + " was changed" + more(failed, errors.size()), errors);
        }
        return new ArrayList<>(kept);
    }

    /**
     * An IMSA list file from "Import from file": one entry a line, '#' starts a comment, blank lines ignored; used
     * whole or not at all, every bad line reported with its number.
     */
    static List<String> parseImport(String body) throws ApiError {
        List<Map<String, Object>> errors = new ArrayList<>();
        int failed = 0;
        java.util.LinkedHashSet<String> kept = new java.util.LinkedHashSet<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(body))) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.length() > ReadLimits.DEFAULT_MAX_LINE_LENGTH) {
                    failed++;
                    if (errors.size() < MAX_LISTED_ERRORS) {
                        errors.add(error("line", lineNumber, line, "import:" + lineNumber + ": line longer than "
                            + ReadLimits.DEFAULT_MAX_LINE_LENGTH + " characters"));
                    }
                    continue;
                }
                String text = (lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line);
                text = withoutComment(text).trim();
                if (text.isEmpty()) {
                    continue;
                }
                try {
                    kept.add(EntryParser.parse(text, "import:" + lineNumber).source());
                } catch (InvalidEntryException e) {
                    failed++;
                    if (errors.size() < MAX_LISTED_ERRORS) {
                        errors.add(error("line", lineNumber, text, "import:" + lineNumber + ": " + e.getMessage()));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        }
        if (failed > 0) {
            throw new ApiError(400, failed + (failed == 1 ? " line is" : " lines are") + " not valid; nothing was"
                + " imported" + more(failed, errors.size()), errors);
        }
        return new ArrayList<>(kept);
    }

    private static String more(int failed, int listed) {
        return failed > listed ? " (the first " + listed + " are listed)" : "";
    }

    private static Map<String, Object> error(String where, int position, String entry, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put(where, position);
        // Echoed as JSON text (the page renders it as text); cut and escaped like our log lines.
        error.put("entry", LogText.escaped(entry.length() > 200 ? entry.substring(0, 200) + "..." : entry));
        error.put("message", message);
        return error;
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
