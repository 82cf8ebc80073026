package org.imsajames.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.imsajames.fuzz.Mutation;

/**
 * Hostile list files: any lines (NUL, byte order marks, CR, huge lines, garbage) and any bytes give the entries or
 * a ListFileException pointing at a line that really is invalid; never another exception, never a hang.
 */
class ListFileProperties {
    private static final String NAME = "fuzz.list";

    @Property(tries = 500)
    void anyLinesParseOrPointAtAnInvalidLine(@ForAll("lineLists") List<String> lines) {
        List<ListEntry> entries = assertTimeoutPreemptively(EntryParserProperties.HANG_BOUND, () -> {
            try {
                return ListFile.parse(NAME, lines);
            } catch (ListFileException e) {
                pointsAtAnInvalidLine(e, lines);
                return null;
            }
        });
        if (entries != null) {
            long entryLines = IntStream.range(0, lines.size())
                    .filter(i -> !content(lines, i).isEmpty()).count();
            assertThat(entries).hasSize((int) entryLines);
            for (ListEntry entry : entries) {
                assertThat(entry.origin()).startsWith(NAME + ":");
            }
        }
    }

    @Property(tries = 200)
    void anyBytesReadOrGiveAListFileException(@ForAll("fileContents") byte[] content) throws IOException {
        Path file = Files.createTempFile("imsa-fuzz", ".list");
        try {
            Files.write(file, content);
            assertTimeoutPreemptively(EntryParserProperties.HANG_BOUND, () -> {
                try {
                    ListFile.read(file);
                } catch (ListFileException e) {
                    assertThat(e.getMessage()).startsWith(file.getFileName() + ":");
                }
            });
        } finally {
            Files.delete(file);
        }
    }

    private static void pointsAtAnInvalidLine(ListFileException e, List<String> lines) {
        assertThat(e.sourceName()).isEqualTo(NAME);
        assertThat(e.lineNumber()).isBetween(1, lines.size());
        assertThat(e.getMessage()).startsWith(NAME + ":" + e.lineNumber() + ": ");
        String line = content(lines, e.lineNumber() - 1);
        assertThat(line).isNotEmpty();
        try {
            EntryParser.parse(line, "check");
            throw new AssertionError("line " + e.lineNumber() + " was reported invalid but parses: " + line);
        } catch (InvalidEntryException expected) {
            // the reported line really is invalid
        }
    }

    /** What ListFile should parse on this line: without a leading BOM on the first line, comment or blanks. */
    private static String content(List<String> lines, int index) {
        String line = lines.get(index);
        String text = index == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line;
        int hash = text.indexOf('#');
        return (hash < 0 ? text : text.substring(0, hash)).trim();
    }

    @Provide
    Arbitrary<List<String>> lineLists() {
        Arbitrary<String> valid = EntryParserProperties.validEntries();
        Arbitrary<String> line = Arbitraries.frequencyOf(
                Tuple.of(6, valid),
                Tuple.of(2, valid.map(entry -> entry + "   # comment")),
                Tuple.of(2, Arbitraries.of("", "   ", "\t", "\r", "# only a comment", "\uFEFF",
                        "\uFEFF192.0.2.1", "\u0000", "192.0.2.1\u0000", "192.0.2.1\r", "\r192.0.2.1")),
                Tuple.of(2, Combinators.combine(valid,
                        Mutation.arbitrary(EntryParserProperties.ENTRY_ALPHABET).list().ofMinSize(1).ofMaxSize(3))
                        .as(Mutation::applyAll)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.of("1.", "a.", "1:", "#").flatMap(piece ->
                        Arbitraries.integers().between(10_000, 100_000).withoutEdgeCases()
                                .map(size -> piece.repeat(size / piece.length())))));
        return line.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<byte[]> fileContents() {
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
        Arbitrary<byte[]> textWithBadBytes = Combinators.combine(lineLists(), Arbitraries.bytes().array(byte[].class)
                .ofMaxSize(4)).as((lines, noise) -> {
                    byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                    byte[] mixed = Arrays.copyOf(text, text.length + noise.length);
                    System.arraycopy(noise, 0, mixed, text.length, noise.length);
                    return mixed;
                });
        return Arbitraries.oneOf(randomBytes, textWithBadBytes);
    }
}
