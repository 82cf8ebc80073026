package org.imsajames.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run to its end within a time limit. Its output (stdout and stderr together) goes to a file, not a pipe,
 * so the command never blocks on a full pipe and the limit holds however much it prints; past the limit the command
 * and everything it started are killed and {@link TimedOut} carries what it had printed.
 */
public final class TimedCommand {
    private TimedCommand() {
    }

    /** What a finished command left: its exit code and output. */
    public static final class Result {
        private final int exitCode;
        private final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        public int exitCode() {
            return exitCode;
        }

        public String output() {
            return output;
        }
    }

    /** The command did not finish within its limit; it has been killed. */
    public static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimedOut(List<String> command, Duration limit, String output) {
            super(String.join(" ", command) + " did not finish within " + limit.toSeconds() + " s and was killed:\n"
                + output);
        }
    }

    /** Runs COMMAND with these extra environment variables; waits at most LIMIT. */
    public static Result run(List<String> command, Map<String, String> environment, Duration limit)
        throws IOException, InterruptedException {
        Path output = Files.createTempFile("command-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                // A launcher script's java, or a shell's sleep, outlives its parent unless killed by name here.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new TimedOut(command, limit, Files.readString(output, UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
