package org.imsajames.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.imsajames.james.SmtpAssertions;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code bin/imsa-james generate} while it publishes, 50 times, alternating two settings that differ
 * in everything: every time the conf folder holds one whole generation, and James starts on the last one and
 * serves exactly it (the two decide one probe address differently and advertise different SIZEs). Then kills
 * during the one-time conversion of a folder of regular files.
 *
 * <p>The generator's test hook ({@value GeneratorProcess#STEP_DELAY_VARIABLE}) announces each publish step and
 * sleeps {@value #STEP_DELAY_MS} ms after it, so that a kill at a random instant after "publish step begins" lands
 * inside the publish step; the test counts how often it did (the process had not printed "ends").
 */
class CrashDuringPublishTest {
    private static final int RUNS = 50;
    private static final long STEP_DELAY_MS = 15;
    /** begins, rename, switch, prune, ends: kills up to about 75 ms after "begins" land inside, a few after it. */
    private static final int KILL_WINDOW_MS = (int) (6 * STEP_DELAY_MS);
    private static final int CONVERSION_RUNS = 30;
    /** begins, stage 3 files, rename, switch, link 3, rename, switch, prune, ends: 13 steps, and their fsyncs. */
    private static final int CONVERSION_KILL_WINDOW_MS = (int) (24 * STEP_DELAY_MS);

    @Test
    void aKillAtAnyInstantOfPublishingLeavesOneWholeGenerationAndJamesStartsOnIt(@TempDir Path work)
            throws Exception {
        TwoGenerations settings = new TwoGenerations(work);
        Path home = work.resolve("james");
        Path conf = Files.createDirectories(home.resolve("conf"));
        GeneratorProcess first = GeneratorProcess.start(settings.a.file, conf, Map.of());
        assertThat(first.waitFor()).as(first.output()).isZero();
        assertThat(settings.wholeGenerationIn(conf)).isEqualTo("a");

        Random random = new Random(10);
        int landedInside = 0;
        int switched = 0;
        String before = "a";
        for (int run = 0; run < RUNS; run++) {
            TwoGenerations.Settings next = run % 2 == 0 ? settings.b : settings.a;
            GeneratorProcess generator = GeneratorProcess.start(next.file, conf,
                    Map.of(GeneratorProcess.STEP_DELAY_VARIABLE, String.valueOf(STEP_DELAY_MS)));
            assertThat(generator.awaitLine("publish step begins", 60_000)).as(generator.output()).isTrue();
            Thread.sleep(random.nextInt(KILL_WINDOW_MS));
            generator.kill();
            int exit = generator.waitFor();
            if (exit != 0 && !generator.printed("publish step ends")) {
                landedInside++;
            }

            String after = settings.wholeGenerationIn(conf);
            assertThat(after).as("run %d: the old generation or the new one", run).isIn(before, next.name);
            if (!after.equals(before)) {
                switched++;
            }
            before = after;
        }
        System.out.printf("CrashDuringPublishTest: %d of %d kills landed inside the publish step; the new generation"
                + " was in force after %d of them, the old one after the rest%n", landedInside, RUNS, switched);
        assertThat(landedInside).as("kills that landed inside the publish step").isGreaterThanOrEqualTo(RUNS / 2);
        assertThat(switched).as("some kills came after the switch").isPositive().isLessThan(RUNS);

        // The two generations decide 127.0.64.5 differently and advertise different sizes: James must serve
        // exactly the one current points to.
        TwoGenerations.Settings inForce = settings.named(settings.wholeGenerationIn(conf));
        try (JamesServerProcess james = JamesServerProcess.start(home)) {
            SmtpAssertions.assertRefused(TwoGenerations.REFUSED_BY_BOTH, settings.port);
            SmtpAssertions.assertGreeted(TwoGenerations.ACCEPTED_BY_BOTH, settings.port);
            if (inForce == settings.a) {
                SmtpAssertions.assertGreeted(TwoGenerations.ACCEPTED_BY_A_ONLY, settings.port);
            } else {
                SmtpAssertions.assertRefused(TwoGenerations.ACCEPTED_BY_A_ONLY, settings.port);
            }
            try (SmtpClient client = SmtpClient.connect(TwoGenerations.ACCEPTED_BY_BOTH, settings.port)) {
                assertThat(client.read().code()).isEqualTo("220");
                assertThat(client.send("EHLO crash.test").lines()).as("generation %s in force", inForce.name)
                        .anySatisfy(line -> assertThat(line).matches("250[- ]SIZE " + inForce.messageSizeKb * 1024L));
            }
        }
    }

    /**
     * kill -9 during the one-time conversion of a folder of regular files (the layout before generations), a
     * fresh such folder per run: afterwards James's view (every file reachable from conf/'s names) is the old
     * folder, exactly, or the new generation, whole.
     */
    @Test
    void aKillDuringTheConversionOfAnOldFolderLeavesJamesTheOldFilesOrTheNewGenerationWhole(@TempDir Path work)
            throws Exception {
        TwoGenerations settings = new TwoGenerations(work);
        Path generated = work.resolve("generated/conf");
        GeneratorProcess first = GeneratorProcess.start(settings.a.file, generated, Map.of());
        assertThat(first.waitFor()).as(first.output()).isZero();
        LegacyConfFolder legacy = LegacyConfFolder.from(generated);

        Random random = new Random(11);
        int inConversion = 0;
        int landedInside = 0;
        int converted = 0;
        for (int run = 0; run < CONVERSION_RUNS; run++) {
            Path conf = work.resolve("old-" + run + "/conf");
            legacy.writeInto(conf);
            GeneratorProcess generator = GeneratorProcess.start(settings.b.file, conf,
                    Map.of(GeneratorProcess.STEP_DELAY_VARIABLE, String.valueOf(STEP_DELAY_MS)));
            assertThat(generator.awaitLine("publish step begins", 60_000)).as(generator.output()).isTrue();
            Thread.sleep(random.nextInt(CONVERSION_KILL_WINDOW_MS));
            generator.kill();
            int exit = generator.waitFor();
            if (exit != 0 && !generator.printed("publish step ends")) {
                landedInside++;
                if (generator.printed("publish step convert:") && !generator.printed("publish step switch current")) {
                    inConversion++;
                }
            }
            String after = legacy.oldOrNew(conf, settings);
            if (after.equals("new")) {
                converted++;
            }
        }
        System.out.printf("CrashDuringPublishTest: %d of %d kills landed inside the publish step of a conversion,"
                + " %d of them inside the conversion itself; the new generation was in force after %d%n",
                landedInside, CONVERSION_RUNS, inConversion, converted);
        assertThat(inConversion).as("kills inside the conversion").isGreaterThanOrEqualTo(CONVERSION_RUNS / 6);
        assertThat(converted).as("some kills came after the switch").isPositive().isLessThan(CONVERSION_RUNS);
    }
}
