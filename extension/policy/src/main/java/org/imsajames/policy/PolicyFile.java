package org.imsajames.policy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The connection-control list file the handler watches: an import-file list whose leading {@code #!} lines are
 * directives that travel with the entries, so that mode and entries are one generation:
 *
 * <pre>
 * # Written by imsa-james ...
 * #! policy deny-all-except
 * #! entries 3
 * 10.0.0.0/8
 * ...
 * </pre>
 *
 * <p>Known directives: {@code policy} (the mode) and {@code entries} (the exact number of entry lines, so that a
 * file still being written is recognised as incomplete). An unknown or repeated directive, or one after the first
 * entry, is an error. Only a regular file is read (after following symlinks), within {@link ReadLimits}; the
 * SHA-256 of the bytes read tells an identical rewrite from a change.
 */
public final class PolicyFile {
    static final String DIRECTIVE = "#!";
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final List<Path> KERNEL_FILE_SYSTEMS = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

    private final String sourceName;
    private final PolicyMode mode;
    private final int modeLine;
    private final Integer declaredEntries;
    private final int entries;
    private final String sha256;

    private PolicyFile(String sourceName, PolicyMode mode, int modeLine, Integer declaredEntries, int entries,
            String sha256) {
        this.sourceName = sourceName;
        this.mode = mode;
        this.modeLine = modeLine;
        this.declaredEntries = declaredEntries;
        this.entries = entries;
        this.sha256 = sha256;
    }

    /**
     * Reads FILE, handing each entry to SINK as soon as it is parsed (on failure the entries handed over must be
     * dropped). Checks the {@code #! entries} count; the caller decides about the mode and the shrink rule.
     */
    public static PolicyFile read(Path file, ReadLimits limits, Consumer<ListEntry> sink) throws ListFileException {
        String sourceName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        requireRegularFile(file, sourceName, limits);
        try (InputStream in = Files.newInputStream(file)) {
            return read(sourceName, in, limits, sink);
        } catch (IOException e) {
            throw new ListFileException(sourceName, 0, "cannot read: " + ListFile.reason(e));
        }
    }

    /** Reads the list from IN (not closed here); limits enforced on the bytes as they come. */
    static PolicyFile read(String sourceName, InputStream in, ReadLimits limits, Consumer<ListEntry> sink)
            throws ListFileException {
        Parser parser = new Parser(sourceName, sink);
        DigestingLimitedStream bytes = new DigestingLimitedStream(in, limits.maxFileBytes());
        try {
            // A strict decoder: bytes that are not UTF-8 fail the file instead of becoming U+FFFD.
            Reader reader = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder());
            new LineSplitter(reader, limits.maxLineLength()).forEach(parser);
        } catch (LineTooLongException e) {
            throw new ListFileException(sourceName, e.lineNumber, "line longer than the limit of "
                + limits.maxLineLength() + " characters (<maxLineLength>); not read further");
        } catch (FileTooLargeException e) {
            throw new ListFileException(sourceName, 0, "larger than the limit of " + limits.maxFileBytes()
                + " bytes (<maxFileBytes>); not read further");
        } catch (IOException e) {
            throw new ListFileException(sourceName, 0, "cannot read: " + ListFile.reason(e));
        }
        PolicyFile read = parser.finish(bytes.sha256());
        if (read.declaredEntries != null && read.declaredEntries != read.entries) {
            throw new ListFileException(sourceName, 0, "holds " + read.entries + " entr" + (read.entries == 1 ? "y" : "ies")
                + " but its '#! entries' says " + read.declaredEntries + ": incomplete or edited by hand; not applied");
        }
        return read;
    }

    private static void requireRegularFile(Path file, String sourceName, ReadLimits limits) throws ListFileException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class); // follows symlinks
        } catch (IOException e) {
            throw new ListFileException(sourceName, 0, "cannot read: " + ListFile.reason(e));
        }
        if (!attributes.isRegularFile()) {
            // Opening a FIFO blocks until a writer comes; a device can be endless: neither is ever opened.
            throw new ListFileException(sourceName, 0, "not a regular file (" + FileKind.of(file, attributes)
                + "); only a regular file is read");
        }
        requireOutsideKernelFileSystems(file, sourceName);
        if (attributes.size() > limits.maxFileBytes()) {
            throw new ListFileException(sourceName, 0, "is " + attributes.size() + " bytes, larger than the limit of "
                + limits.maxFileBytes() + " bytes (<maxFileBytes>); not read");
        }
    }

    /**
     * /proc/self/environ is a "regular file" of size 0 whose lines would come back in the error message: a
     * regular file the list path leads to under /proc, /sys or /dev is refused unread.
     */
    private static void requireOutsideKernelFileSystems(Path file, String sourceName) throws ListFileException {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException | SecurityException e) {
            return; // the read that follows says what is wrong
        }
        for (Path kernel : KERNEL_FILE_SYSTEMS) {
            if (real.startsWith(kernel)) {
                throw new ListFileException(sourceName, 0, "leads to " + LogText.escaped(real.toString())
                    + ", under " + kernel + " (kernel or device files): not read; the list must be a file of its own");
            }
        }
    }

    /** The file's name, as used in messages and in entry origins. */
    public String sourceName() {
        return sourceName;
    }

    /** The mode from {@code #! policy}, if the file says it. */
    public Optional<PolicyMode> mode() {
        return Optional.ofNullable(mode);
    }

    /** The line of the {@code #! policy} directive, 0 without one. */
    public int modeLine() {
        return modeLine;
    }

    /** The count from {@code #! entries}, if the file says it (then {@link #entries()} equals it). */
    public OptionalInt declaredEntries() {
        return declaredEntries == null ? OptionalInt.empty() : OptionalInt.of(declaredEntries);
    }

    /** Entry lines in the file (before duplicates and nested blocks are merged). */
    public int entries() {
        return entries;
    }

    /** SHA-256 of the bytes read, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /** Directives first, then entries; comments and blank lines anywhere. */
    private static final class Parser implements Consumer<String> {
        private final String sourceName;
        private final EntryLines entryLines;
        private int lineNumber;
        private PolicyMode mode;
        private int modeLine;
        private Integer declaredEntries;
        private int entriesLine;
        private ListFileException directiveProblem;

        Parser(String sourceName, Consumer<ListEntry> sink) {
            this.sourceName = sourceName;
            this.entryLines = new EntryLines(sourceName, sink);
        }

        @Override
        public void accept(String rawLine) {
            lineNumber++;
            String line = lineNumber == 1 && !rawLine.isEmpty() && rawLine.charAt(0) == BYTE_ORDER_MARK
                ? rawLine.substring(1) : rawLine;
            if (line.startsWith(DIRECTIVE)) {
                if (directiveProblem == null) {
                    directive(line.substring(DIRECTIVE.length()));
                }
                return;
            }
            String text = ListFile.withoutComment(line, false).trim();
            if (!text.isEmpty()) {
                entryLines.add(text, lineNumber);
            }
        }

        private void directive(String rest) {
            if (entryLines.count() > 0) {
                fail("directive after the first entry: directives belong at the top of the file");
                return;
            }
            if (rest.isEmpty() || !Character.isWhitespace(rest.charAt(0))) {
                fail("malformed directive " + InvalidEntryException.quote(DIRECTIVE + rest)
                    + ": expected '#! policy MODE' or '#! entries COUNT'");
                return;
            }
            String[] words = rest.trim().split("\\s+");
            if (words.length != 2) {
                fail("malformed directive " + InvalidEntryException.quote(DIRECTIVE + rest)
                    + ": expected '#! policy MODE' or '#! entries COUNT'");
                return;
            }
            String keyword = words[0];
            String value = words[1];
            if (keyword.equals("policy")) {
                if (mode != null) {
                    fail("'#! policy' repeated (first on line " + modeLine + ")");
                    return;
                }
                try {
                    mode = PolicyMode.fromSetting(value);
                    modeLine = lineNumber;
                } catch (IllegalArgumentException e) {
                    fail("unknown policy " + InvalidEntryException.quote(value) + ": expected "
                        + PolicyMode.ACCEPT_ALL_EXCEPT.setting() + " or " + PolicyMode.DENY_ALL_EXCEPT.setting());
                }
            } else if (keyword.equals("entries")) {
                if (declaredEntries != null) {
                    fail("'#! entries' repeated (first on line " + entriesLine + ")");
                    return;
                }
                if (!value.matches("[0-9]{1,9}")) {
                    fail("'#! entries' needs a count of entry lines, not " + InvalidEntryException.quote(value));
                    return;
                }
                declaredEntries = Integer.parseInt(value);
                entriesLine = lineNumber;
            } else {
                fail("unknown directive " + InvalidEntryException.quote(keyword) + ": known are 'policy' and 'entries'");
            }
        }

        private void fail(String problem) {
            directiveProblem = new ListFileException(sourceName, lineNumber, problem);
        }

        PolicyFile finish(String sha256) throws ListFileException {
            if (directiveProblem != null) {
                throw directiveProblem;
            }
            entryLines.finish();
            return new PolicyFile(sourceName, mode, modeLine, declaredEntries, entryLines.count(), sha256);
        }
    }

    /** Lines as BufferedReader splits them (LF, CR or CRLF), but never longer than the limit. */
    private static final class LineSplitter {
        private final Reader reader;
        private final int maxLineLength;

        LineSplitter(Reader reader, int maxLineLength) {
            this.reader = reader;
            this.maxLineLength = maxLineLength;
        }

        void forEach(Consumer<String> lines) throws IOException {
            char[] buffer = new char[8192];
            StringBuilder line = new StringBuilder();
            int lineNumber = 1;
            boolean afterCr = false;
            boolean pending = false;
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n' && afterCr) {
                        afterCr = false;
                        continue;
                    }
                    afterCr = c == '\r';
                    if (c == '\n' || c == '\r') {
                        lines.accept(line.toString());
                        line.setLength(0);
                        lineNumber++;
                        pending = false;
                        continue;
                    }
                    if (line.length() == maxLineLength) {
                        throw new LineTooLongException(lineNumber);
                    }
                    line.append(c);
                    pending = true;
                }
            }
            if (pending) {
                lines.accept(line.toString());
            }
        }
    }

    /** Counts and hashes the bytes as they pass; past the limit it stops, so a growing file cannot exceed it. */
    private static final class DigestingLimitedStream extends FilterInputStream {
        private final MessageDigest digest;
        private final long limit;
        private long count;

        DigestingLimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Ask for at most one byte past the limit: enough to know it is exceeded, never more.
            long room = limit - count + 1;
            int n = in.read(buffer, offset, (int) Math.min(length, room));
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new FileTooLargeException();
                }
                digest.update(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("not supported");
        }

        String sha256() {
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest.digest()) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        }
    }

    private static final class FileTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;
        final int lineNumber;

        LineTooLongException(int lineNumber) {
            this.lineNumber = lineNumber;
        }
    }
}
