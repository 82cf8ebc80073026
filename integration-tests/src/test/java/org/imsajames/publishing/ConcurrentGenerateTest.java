package org.imsajames.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two generates started together on one conf folder: one waits for the other's lock, both exit 0, one whole generation. */
class ConcurrentGenerateTest {
    @Test
    void twoGeneratesAtOnceBothSucceedAndLeaveOneWholeGeneration(@TempDir Path work) throws Exception {
        TwoGenerations settings = new TwoGenerations(work);
        Path conf = Files.createDirectories(work.resolve("james/conf"));

        for (int round = 0; round < 3; round++) {
            // The hook slows publishing down so that the two runs really overlap.
            Map<String, String> slow = Map.of(GeneratorProcess.STEP_DELAY_VARIABLE, "100");
            GeneratorProcess one = GeneratorProcess.start(settings.a.file, conf, slow);
            GeneratorProcess other = GeneratorProcess.start(settings.b.file, conf, slow);

            assertThat(one.waitFor()).as(one.output()).isZero();
            assertThat(other.waitFor()).as(other.output()).isZero();
            assertThat(settings.wholeGenerationIn(conf)).isIn("a", "b");
            try (var entries = Files.list(conf.resolve("imsa"))) {
                assertThat(entries.map(path -> path.getFileName().toString()))
                        .containsExactlyInAnyOrder(".lock", "current", "generations");
            }
        }
    }
}
