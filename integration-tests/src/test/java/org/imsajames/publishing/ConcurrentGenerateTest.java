package org.imsajames.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two generates started together on one conf folder: one waits for the other's lock, both exit 0, one whole
 * generation, and their locked spans (from the test hook's "lock acquired" to its "release lock", wall-clock
 * microseconds) do not overlap. Each publish is one atomic switch, so only the timestamps can tell that the lock
 * really kept the runs apart.
 */
class ConcurrentGenerateTest {
    @Test
    void twoGeneratesAtOnceBothSucceedOneAfterTheOtherAndLeaveOneWholeGeneration(@TempDir Path work)
            throws Exception {
        TwoGenerations settings = new TwoGenerations(work);
        Path conf = Files.createDirectories(work.resolve("james/conf"));

        for (int round = 0; round < 3; round++) {
            // The hook slows publishing down so that the two runs really overlap unless the lock keeps them apart.
            Map<String, String> slow = Map.of(GeneratorProcess.STEP_DELAY_VARIABLE, "100");
            GeneratorProcess one = GeneratorProcess.start(settings.a.file, conf, slow);
            GeneratorProcess other = GeneratorProcess.start(settings.b.file, conf, slow);

            assertThat(one.waitFor()).as(one.output()).isZero();
            assertThat(other.waitFor()).as(other.output()).isZero();
            long[] first = lockedSpan(one);
            long[] second = lockedSpan(other);
            assertThat(first[1] < second[0] || second[1] < first[0])
                    .as("round %d: locked spans %s and %s must not overlap%n%s%n---%n%s", round,
                            first[0] + ".." + first[1], second[0] + ".." + second[1], one.output(), other.output())
                    .isTrue();
            assertThat(settings.wholeGenerationIn(conf)).isIn("a", "b");
            try (var entries = Files.list(conf.resolve("imsa"))) {
                assertThat(entries.map(path -> path.getFileName().toString()))
                        .containsExactlyInAnyOrder(".lock", "current", "generations");
            }
        }
    }

    /** From "lock acquired" to "release lock", both of which enclose every publish step. */
    private static long[] lockedSpan(GeneratorProcess generator) {
        long acquired = generator.stepTime("lock acquired");
        long released = generator.stepTime("release lock");
        assertThat(generator.stepTime("begins")).isBetween(acquired, released);
        assertThat(generator.stepTime("ends")).isBetween(acquired, released);
        return new long[] {acquired, released};
    }
}
