package org.imsajames.containers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imsajames.james.ImsaJamesCommand;

/** Runs the config generator as operators do: {@code bin/imsa-james generate --settings FILE --out CONF_DIR}. */
final class ConfGeneratorCli {

    private static final String PROJECT_DIR_PROPERTY = "imsa.project.dir";

    private ConfGeneratorCli() {
    }

    /** Generates into {@code confDir}; fails, with what the generator printed, unless it exits 0. */
    static void generate(ImsaSettingsFile settingsFile, Path confDir) {
        List<String> args = new ArrayList<>(List.of("generate",
                "--settings", settingsFile.write().toString(), "--out", confDir.toString()));
        settingsFile.templates().ifPresent(templates -> args.addAll(List.of("--templates", templates.toString())));
        try {
            ImsaJamesCommand.succeed(Map.of(), args.toArray(new String[0]));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run bin/imsa-james", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running bin/imsa-james", e);
        }
    }

    /** The project's top folder, where bin/ and conf-templates/ are. */
    static Path projectDir() {
        String projectDir = System.getProperty(PROJECT_DIR_PROPERTY);
        if (projectDir == null || projectDir.isBlank()) {
            throw new IllegalStateException("System property " + PROJECT_DIR_PROPERTY
                    + " is not set: run the integration tests through Maven (mvn -pl integration-tests -am verify)");
        }
        return Path.of(projectDir);
    }
}
