package org.imsajames.james;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code bin/imsa-james} as an operator runs it: the built -cli jar in its own JVM. */
public final class ImsaJamesCommand {
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
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        if (exit != 0) {
            throw new AssertionError("bin/imsa-james " + String.join(" ", args) + " exited with " + exit + ":\n" + output);
        }
        return output;
    }
}
