package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.BaseRequest;
import org.imsajames.policy.LogText;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Our real log lines, not only LogText: whatever a client sends as a refused command (TlsOnlyHandler through
 * RefusalLog, its first-refusal line, the DEBUG repeats and the summary) or an operator's file holds as a list
 * line (PolicyFile's error through the watcher's WARN), no line gets a control character or more than the cut of
 * that text.
 */
class LogLinesProperties {
    /** Far above any fixed text of ours, far below the longest text generated. */
    private static final int MAX_LINE = 600;

    @Property(tries = 300)
    void aRefusedCommandNeverWritesClientTextIntoTheLog(@ForAll("clientText") String command,
            @ForAll("clientText") String argument) throws Exception {
        RecordingLogger recorder = new RecordingLogger();
        List<Runnable> summaries = new ArrayList<>();
        long[] nanos = {0};
        RefusalLog refusalLog = new RefusalLog(recorder.logger, "commands before STARTTLS", Duration.ofSeconds(60),
            () -> nanos[0], (delay, task) -> summaries.add(task), RefusalLog.MAX_TRACKED_ADDRESSES);
        TlsOnlyHandler handler = new TlsOnlyHandler((name, level) -> new BaseHierarchicalConfiguration(), refusalLog);

        handler.onCommand(FakeSessions.from("127.0.0.7", false), new BaseRequest(command, argument));
        handler.onCommand(FakeSessions.from("127.0.0.7", false), new BaseRequest(command, argument)); // at DEBUG
        nanos[0] = Duration.ofSeconds(60).toNanos(); // the interval ends: its summary
        new ArrayList<>(summaries).forEach(Runnable::run);

        assertThat(recorder.lines).hasSize(3); // INFO, DEBUG, the summary
        recorder.lines.forEach(line -> assertSafe(line, command, argument));
    }

    @Property(tries = 150)
    void aListFileLineNeverWritesFileTextIntoTheLog(@ForAll("clientText") String line, @ForAll boolean asDirective)
            throws Exception {
        Path conf = Files.createTempDirectory("imsa-loglines");
        try {
            Path file = conf.resolve("deny.list");
            Files.writeString(file, "#! policy accept-all-except\n10.0.0.1\n");
            BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
            config.addProperty("listFile", "file://conf/deny.list");
            PolicySource source = PolicySource.fromConfiguration(config, new TestFileSystem(conf));
            RecordingWatcherLog log = new RecordingWatcherLog();
            try (ListFileWatcher watcher = new ListFileWatcher(file, FileState.of(file), source.build(null),
                    source::build, generation -> { }, Duration.ofSeconds(30), new RecordingMetricFactory(),
                    new RecordingGauges(), log)) {
                String text = (asDirective ? "#! " : "") + line;
                Files.write(file, ("#! policy accept-all-except\n" + text + "\n10.0.0.1\n")
                    .getBytes(StandardCharsets.UTF_8));
                Files.setLastModifiedTime(file, FileTime.fromMillis(1_000));
                watcher.check();
                watcher.check();

                log.all().forEach(logged -> assertSafe(logged, text));
            }
        } finally {
            try (Stream<Path> paths = Files.walk(conf)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void assertSafe(String line, String... clientTexts) {
        assertThat(line.codePoints().filter(LogLinesProperties::forbidden).toArray()).as(line).isEmpty();
        assertThat(line.length()).as(line).isLessThanOrEqualTo(MAX_LINE);
        for (String text : clientTexts) {
            for (int i = 0; i + LogText.CUT + 1 <= text.length(); i++) {
                String window = text.substring(i, i + LogText.CUT + 1);
                assertThat(line).as("more than the cut of client text").doesNotContain(window);
            }
        }
    }

    /** The test's own list, not LogText's: what must never reach a log line as it is. */
    private static boolean forbidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
            || type == Character.FORMAT || type == Character.SURROGATE;
    }

    /** What a client can send (any byte, decoded as James may) or a file can hold, short or far past the cut. */
    @Provide
    Arbitrary<String> clientText() {
        Arbitrary<String> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000)
            .map(b -> new String(b, StandardCharsets.ISO_8859_1));
        Arbitrary<Character> nasty = Arbitraries.of('\r', '\n', '\u001b', '\u0000', '\u007f', '\u0085', '\u009b',
            '\u2028', '\u2029', '\u202e', '\u2066', '\ufeff', '\ud800', '\\', 'A', '.', ':', '/');
        Arbitrary<String> chars = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.chars().all()), Tuple.of(2, nasty))
            .list().ofMaxSize(3000).map(list -> {
                StringBuilder text = new StringBuilder();
                list.forEach(c -> text.append((char) c));
                return text.toString();
            });
        Arbitrary<String> longSafe = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(LogText.CUT + 1)
            .ofMaxLength(3000);
        return Arbitraries.oneOf(bytes, chars, longSafe);
    }
}
