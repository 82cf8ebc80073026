package org.imsajames.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imsajames.settings.ImsaSettings;
import org.imsajames.settings.SettingsLoader;

/** Writes files for a test and loads settings from YAML lines. */
final class TestSettings {
    private TestSettings() {
    }

    static Path write(Path folder, String name, String... lines) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        return file;
    }

    static ImsaSettings load(Path folder, String... yamlLines) throws Exception {
        return new SettingsLoader(Map.<String, String>of()::get).load(write(folder, "settings.yaml", yamlLines));
    }
}
