package org.imsajames.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the config generator as operators do: {@code bin/imsa-james generate --settings FILE --out CONF_DIR}. */
final class ConfGeneratorCli {

    private static final String PROJECT_DIR_PROPERTY = "imsa.project.dir";
    private static final long TIMEOUT_SECONDS = 120;

    private ConfGeneratorCli() {
    }

    /** Generates into {@code confDir}; fails, with what the generator printed, unless it exits 0. */
    static void generate(ImsaSettingsFile settingsFile, Path confDir) {
        Path launcher = launcher();
        Path settings = settingsFile.write();
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "generate",
                "--settings", settings.toString(), "--out", confDir.toString()));
        settingsFile.templates().ifPresent(templates -> command.addAll(List.of("--templates", templates.toString())));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // Read before waiting: a full pipe would block the generator.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(launcher + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(launcher + " generate --settings " + settings + " exited with "
                        + process.exitValue() + ":\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + launcher, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + launcher, e);
        }
    }

    /** The project's top folder, where bin/ and conf-templates/ are. */
    static Path projectDir() {
        String projectDir = System.getProperty(PROJECT_DIR_PROPERTY);
        if (projectDir == null || projectDir.isBlank()) {
            throw new IllegalStateException("System property " + PROJECT_DIR_PROPERTY
                    + " is not set: run the integration tests through Maven (mvn -pl integration-tests test)");
        }
        return Path.of(projectDir);
    }

    private static Path launcher() {
        Path launcher = projectDir().resolve("bin").resolve("imsa-james");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing or not executable");
        }
        return launcher;
    }
}
