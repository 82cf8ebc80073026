package org.imsajames.james;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code bin/imsa-james} as an operator runs it: the built -cli jar in its own JVM. */
public final class ImsaJamesCommand {
    private static final long TIMEOUT_SECONDS = 120;
    private ImsaJamesCommand() {
    }

    /** Runs the command with these extra environment variables; returns its output, or fails with it on a non-zero exit. */
    public static String succeed(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Path launcher = Paths.get(System.getProperty("imsa.project.dir"), "bin", "imsa-james");
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        // Read before waiting: a full pipe would block the generator.
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/imsa-james " + String.join(" ", args) + " did not finish within "
                + TIMEOUT_SECONDS + " s:\n" + output);
        }
        int exit = process.exitValue();
        if (exit != 0) {
            throw new AssertionError("bin/imsa-james " + String.join(" ", args) + " exited with " + exit + ":\n" + output);
        }
        return output;
    }
}
