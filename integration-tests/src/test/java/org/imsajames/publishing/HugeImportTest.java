package org.imsajames.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A huge import through bin/imsa-james with a small heap: a clear one-line error and exit 2, never an
 * OutOfMemoryError's stack trace, and nothing written.
 */
class HugeImportTest {
    private static final int LINES = 1_200_000;

    @Test
    void aHugeImportFailsWithAMessageAndExit2UnderASmallHeapOrOverTheBound(@TempDir Path work) throws Exception {
        Path list = work.resolve("huge.txt");
        try (BufferedWriter writer = Files.newBufferedWriter(list)) {
            for (int i = 0; i < LINES; i++) {
                // Distinct /32s, every tenth with host bits set (a warning each).
                writer.write("10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff)
                        + (i % 10 == 0 ? ":255.255.255.0" : "") + "\n");
            }
        }
        Path settings = work.resolve("imsa.yaml");
        Files.writeString(settings, "connectionControl: {importFiles: [huge.txt]}\n");
        Path conf = work.resolve("conf");

        for (String heap : new String[] {"-Xmx24m", "-Xmx512m"}) {
            GeneratorProcess generator = GeneratorProcess.start(settings, conf,
                    Map.of("IMSA_JAMES_JAVA_OPTS", heap + " -XX:TieredStopAtLevel=1"));
            int exit = generator.waitFor();
            String output = generator.output();

            assertThat(exit).as(heap + ": " + output).isEqualTo(2);
            assertThat(output).as(heap).doesNotContain("\tat ", "Exception in thread", "OutOfMemoryError");
            assertThat(output.lines().filter(line -> line.startsWith("error: "))).as(heap).hasSize(1);
            assertThat(output.lines().count()).as(heap + ": warnings summarised").isLessThanOrEqualTo(23);
            assertThat(output).as(heap).containsAnyOf("error: out of memory (Java heap",
                    "more than 1,000,000 connection-control entries in all");
            assertThat(conf).as(heap + ": nothing written").doesNotExist();
            System.out.println("HugeImportTest " + heap + ": " + output.lines()
                    .filter(line -> line.startsWith("error: ")).findFirst().orElse(""));
        }
    }
}
