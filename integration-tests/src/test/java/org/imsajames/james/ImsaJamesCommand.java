package org.imsajames.james;

import java.io.IOException;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imsajames.testkit.TimedCommand;

/** {@code bin/imsa-james} as an operator runs it: the built -cli jar in its own JVM, killed after 120 s. */
public final class ImsaJamesCommand {
    private static final Duration TIME_LIMIT = Duration.ofSeconds(120);

    private ImsaJamesCommand() {
    }

    /** Runs the command with these extra environment variables; returns its output, or fails with it on a non-zero exit. */
    public static String succeed(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        TimedCommand.Result result = run(environment, args);
        if (result.exitCode() != 0) {
            throw new AssertionError("bin/imsa-james " + String.join(" ", args) + " exited with " + result.exitCode()
                + ":\n" + result.output());
        }
        return result.output();
    }

    /** Runs the command; returns its output, or fails when it exits with 0 (it was expected to refuse). */
    public static String refuse(Map<String, String> environment, String... args) throws IOException,
            InterruptedException {
        TimedCommand.Result result = run(environment, args);
        if (result.exitCode() == 0) {
            throw new AssertionError("bin/imsa-james " + String.join(" ", args) + " accepted:\n" + result.output());
        }
        return result.output();
    }

    private static TimedCommand.Result run(Map<String, String> environment, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(
            Paths.get(System.getProperty("imsa.project.dir"), "bin", "imsa-james").toString()));
        command.addAll(List.of(args));
        try {
            return TimedCommand.run(command, environment, TIME_LIMIT);
        } catch (TimedCommand.TimedOut e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
