package org.imsajames.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imsajames.james.SmtpAssertions;
import org.imsajames.testkit.JamesServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/ as a file system of its own (a tmpfs mounted on it, as a Kubernetes volume or a Docker bind mount would
 * be): generate stages inside conf/imsa, so nothing crosses file systems; James starts on it and applies it.
 * Needs root, as CI runs; elsewhere it fails saying so rather than skipping.
 */
class TmpfsConfInJamesTest {
    @Test
    void generateIntoATmpfsConfFolderAndJamesStartsOnIt(@TempDir Path work) throws Exception {
        assertThat(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))
                .as("this test mounts a tmpfs and must run as root (as CI does)").isEqualTo(0);
        TwoGenerations settings = new TwoGenerations(work);
        Path home = work.resolve("james");
        Path conf = Files.createDirectories(home.resolve("conf"));
        run("mount", "-t", "tmpfs", "-o", "size=64m,mode=0700", "tmpfs", conf.toString());
        try {
            assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).contains(" " + conf + " ");
            for (TwoGenerations.Settings next : new TwoGenerations.Settings[] {settings.a, settings.b}) {
                GeneratorProcess generator = GeneratorProcess.start(next.file, conf, Map.of());
                assertThat(generator.waitFor()).as(generator.output()).isZero();
                assertThat(settings.wholeGenerationIn(conf)).isEqualTo(next.name);
            }

            try (JamesServerProcess james = JamesServerProcess.start(home)) {
                SmtpAssertions.assertRefused(TwoGenerations.REFUSED_BY_BOTH, settings.port);
                SmtpAssertions.assertGreeted(TwoGenerations.ACCEPTED_BY_BOTH, settings.port);
            }
        } finally {
            run("umount", conf.toString());
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
