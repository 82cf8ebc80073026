package org.imsajames.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.imsajames.fuzz.Mutation;

/**
 * Hostile settings files: YAML-ish noise and mutations of the shipped example either load or give a
 * SettingsException naming the settings file; never another exception, never a hang, never the secret.
 */
class SettingsLoaderProperties {
    /** Not a performance limit: a try that takes this long is stuck. */
    private static final Duration HANG_BOUND = Duration.ofSeconds(10);
    private static final Path EXAMPLE = Path.of("../../conf-templates/imsa-settings.example.yaml");
    private static final String SECRET = "s3cret-from-env";
    private static final String YAML_ALPHABET = " \t\n\r:-,[]{}&*!|>'\"#%@`?<=~\\0aZ9.\u0000\u0085\u2028\uFEFF\uD800\u00E9";

    private static final List<String> HOSTILE_VALUES = List.of("\"lists/a\\0b.txt\"", "\"tls/server.key\\0\"",
            "\"\\0\"", "\"\\u0000\"", "''", "\"\"", "~", "[]", "{}", "[[]]", "[~]", "[a, [b]]", "{a: b}", "&x [*x]",
            "*undefined", "!!binary AAAA", "!!int 25", "!!float 25", "!!bool true", "!!null", "!!timestamp 2001-12-14",
            "|\n  block", "0o31", "0x19", "25.0", "+25", "-0", "1_000", "99999999999999999999", ".inf", ".nan",
            "env:IMSA_KEY_PASSWORD", "env:UNSET_VARIABLE", "env:", "env: ", "env:A-B", "/dev/null", "/", "..",
            "../../../../etc/passwd", "tls", "\"" + "a".repeat(5_000) + "\"", "TLS_NOT_A_SUITE",
            "[TLS_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256]", "[TLSv1.2]", "smtp.example.net:", ":25",
            "smtp.example.net:65536", "[::1]:25", "-host");

    private Path folder;
    private Path settings;
    private final SettingsLoader loader = new SettingsLoader(Map.of("IMSA_KEY_PASSWORD", SECRET)::get);

    @BeforeProperty
    void writeReferencedFiles() throws IOException {
        folder = Files.createTempDirectory("imsa-settings-fuzz");
        Files.createDirectories(folder.resolve("lists"));
        Files.createDirectories(folder.resolve("tls"));
        Files.copy(EXAMPLE.resolveSibling("lists/connection-control.txt"), folder.resolve("lists/connection-control.txt"));
        // The loader only checks that referenced files exist; reading them is the checker's job.
        Files.writeString(folder.resolve("tls/server.key"), "key");
        Files.writeString(folder.resolve("tls/server.crt"), "certificate");
        settings = folder.resolve("settings.yaml");
    }

    @AfterProperty
    void deleteFiles() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    @Property(tries = 300)
    void yamlishNoiseLoadsOrIsRefused(@ForAll("yamlishDocuments") String document) throws IOException {
        loadsOrIsRefused(document);
    }

    @Property(tries = 300)
    void mutatedExampleLoadsOrIsRefused(@ForAll("mutatedExamples") String document) throws IOException {
        loadsOrIsRefused(document);
    }

    /** Exhaustive on purpose: each of these once at each key of the example finds what a random pick would miss. */
    @Example
    void everyKeyOfTheExampleWithEachHostileValueLoadsOrIsRefused() throws IOException {
        for (List<String> base : List.of(exampleLines(), exampleWithIncomingTls())) {
            for (int line : keyLines(base)) {
                for (String value : HOSTILE_VALUES) {
                    loadsOrIsRefused(withValue(base, line, value));
                }
            }
        }
    }

    @Property(tries = 300)
    void everyKeyOfTheExampleWithRandomValuesLoadsOrIsRefused(@ForAll("randomValues") String document)
            throws IOException {
        loadsOrIsRefused(document);
    }

    @Property(tries = 100)
    void anyBytesLoadOrAreRefused(@ForAll("anyBytes") byte[] content) throws IOException {
        Files.write(settings, content);
        loadsOrIsRefused();
    }

    private void loadsOrIsRefused(String document) throws IOException {
        // getBytes, not writeString: a lone surrogate becomes "?" instead of failing the test itself.
        Files.write(settings, document.getBytes(StandardCharsets.UTF_8));
        loadsOrIsRefused();
    }

    private void loadsOrIsRefused() {
        assertTimeoutPreemptively(HANG_BOUND, () -> {
            try {
                loader.load(settings);
            } catch (SettingsException e) {
                assertThat(e.getMessage()).startsWith(settings.toString()).doesNotContain(SECRET);
            }
        });
    }

    @Provide
    Arbitrary<String> yamlishDocuments() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("smtpInterface:", "connectionControl:", "relay:", "tls:", "incoming:", "outgoing:",
                        "port:", "entries:", "importFiles:", "permittedSenders:", "enabled:", "tlsOnly:", "protocols:",
                        "privateKey:", "privateKeyPassword:", "serverCertificate:", "mode:", "gateway:", "policy:",
                        "cipherSuites:", "unknownKey:"),
                Arbitraries.of("- ", "[", "]", "{", "}", ", ", ": ", "&a ", "*a", "&b [*a, *a]", "!!str ", "!!map ",
                        "!!binary ", "!java.lang.Object ", "? ", "|", ">-", "'", "\"", "# c", "---", "...", "%YAML 1.1",
                        "<<: *a", "\t", "\\0", "\"\\0\"", "\"a\\u0000b\"", "\u0000", "\uFEFF", "~", "null"),
                Arbitraries.of("25", "0", "-1", "99999999999999", "2.5e1", "0x19", "true", "yes", "off",
                        "env:IMSA_KEY_PASSWORD", "env:UNSET", "env:", "env:1BAD", "lists/connection-control.txt",
                        "tls/server.key", "../../etc/passwd", "/", "192.0.2.1", "::1", "accept-all-except",
                        "TLSv1.3", "TLSv1", "TLS_AES_128_GCM_SHA256", "TLS_NOT_A_SUITE", "smtp.example.net:0",
                        "verify", "all", "loopback"),
                Arbitraries.strings().withChars(YAML_ALPHABET.toCharArray()).ofMaxLength(6));
        Arbitrary<String> line = Combinators.combine(Arbitraries.integers().between(0, 6), token.list().ofMaxSize(4))
                .as((indent, tokens) -> " ".repeat(indent) + String.join(" ", tokens));
        return line.list().ofMaxSize(30).map(lines -> String.join("\n", lines));
    }

    /** The example, as shipped or with incoming TLS on, with a random value at one of its keys. */
    @Provide
    Arbitrary<String> randomValues() {
        Arbitrary<String> text = Arbitraries.strings().withChars(YAML_ALPHABET.toCharArray()).ofMaxLength(12);
        Arbitrary<String> value = Arbitraries.oneOf(text, text.map(raw -> "\"" + raw.replace("\"", "") + "\""));
        return Combinators.combine(Arbitraries.of(exampleLines(), exampleWithIncomingTls()),
                Arbitraries.integers().between(0, 1_000), value).as((base, pick, hostile) -> {
                    List<Integer> keys = keyLines(base);
                    return withValue(base, keys.get(pick % keys.size()), hostile);
                });
    }

    /** Lines holding a value: "key: value" or a list item "- value". */
    private static List<Integer> keyLines(List<String> lines) {
        List<Integer> keyLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(" *[A-Za-z]+: .*") || lines.get(i).matches(" *- .*")) {
                keyLines.add(i);
            }
        }
        return keyLines;
    }

    private static String withValue(List<String> lines, int line, String value) {
        List<String> edited = new ArrayList<>(lines);
        edited.set(line, lines.get(line).replaceFirst("^( *(- )?([A-Za-z]+: )?).*$", "$1") + value);
        return String.join("\n", edited);
    }

    @Provide
    Arbitrary<String> mutatedExamples() {
        List<String> example = exampleLines();
        Arbitrary<LineEdit> lineEdit = Combinators.combine(Arbitraries.of(LineEdit.Kind.class),
                Arbitraries.integers().between(0, example.size() - 1), Arbitraries.integers().between(0, example.size() - 1),
                Arbitraries.strings().withChars(YAML_ALPHABET.toCharArray()).ofMaxLength(8)).as(LineEdit::new);
        Arbitrary<List<Mutation>> characterEdits = Mutation.arbitrary(YAML_ALPHABET).list().ofMaxSize(8);
        return Combinators.combine(lineEdit.list().ofMaxSize(5), characterEdits).as((lineEdits, mutations) -> {
            List<String> lines = new ArrayList<>(example);
            for (LineEdit edit : lineEdits) {
                edit.apply(lines);
            }
            return Mutation.applyAll(String.join("\n", lines), mutations);
        });
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(3_000);
    }

    private static List<String> exampleLines() {
        try {
            return Files.readAllLines(EXAMPLE);
        } catch (IOException e) {
            throw new IllegalStateException("the example settings file is part of the repository", e);
        }
    }

    /** The example with incoming TLS on and the key password taken from the environment. */
    private static List<String> exampleWithIncomingTls() {
        List<String> lines = new ArrayList<>();
        for (String line : exampleLines()) {
            lines.add(line.replace("    enabled: false", "    enabled: true")
                    .replace("# privateKeyPassword: env:", "privateKeyPassword: env:"));
        }
        assertThat(lines).contains("    enabled: true").anyMatch(line -> line.contains("  privateKeyPassword: env:"));
        return lines;
    }

    /** A whole-line edit of the example: what a hurried admin does to a YAML file. */
    private static final class LineEdit {
        enum Kind { DELETE, DUPLICATE, MOVE, REINDENT, APPEND }

        private final Kind kind;
        private final int line;
        private final int other;
        private final String text;

        LineEdit(Kind kind, int line, int other, String text) {
            this.kind = kind;
            this.line = line;
            this.other = other;
            this.text = text;
        }

        void apply(List<String> lines) {
            if (lines.isEmpty()) {
                return;
            }
            int at = line % lines.size();
            switch (kind) {
                case DELETE:
                    lines.remove(at);
                    break;
                case DUPLICATE:
                    lines.add(at, lines.get(at));
                    break;
                case MOVE:
                    lines.add(other % lines.size(), lines.remove(at));
                    break;
                case REINDENT:
                    lines.set(at, " ".repeat(other % 7) + lines.get(at).stripLeading());
                    break;
                default:
                    lines.set(at, lines.get(at) + text);
            }
        }

        @Override
        public String toString() {
            return kind + " line " + line + (kind == Kind.MOVE || kind == Kind.REINDENT ? " " + other : "")
                    + (kind == Kind.APPEND ? " '" + text + "'" : "");
        }
    }
}
