package org.imsajames.publishing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** bin/imsa-james generate in its own JVM, its output collected line by line while it runs (so it can be killed). */
final class GeneratorProcess {
    /** The generator's test hook: announce each publish step on stderr and sleep this long after it. */
    static final String STEP_DELAY_VARIABLE = "IMSA_JAMES_TEST_PUBLISH_STEP_DELAY_MS";

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private GeneratorProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process was killed: what was read is what there is.
            }
        }, "generator output");
        reader.start();
    }

    static GeneratorProcess start(Path settings, Path conf, Map<String, String> environment) throws IOException {
        Path launcher = Paths.get(System.getProperty("imsa.project.dir"), "bin", "imsa-james");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "generate", "--settings", settings.toString(),
                "--out", conf.toString()).redirectErrorStream(true);
        // C1 only: each run lives for a second; the optimizing compiler would only cost start-up time.
        builder.environment().put("IMSA_JAMES_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xshare:auto");
        builder.environment().putAll(environment);
        return new GeneratorProcess(builder.start());
    }

    /** Waits until a line containing text was printed; false if the process ended first or time ran out. */
    boolean awaitLine(String text, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (printed(text)) {
                return true;
            }
            if (!process.isAlive()) {
                reader.join(5_000);
                return printed(text);
            }
            Thread.sleep(1);
        }
        return false;
    }

    boolean printed(String text) {
        return lines.stream().anyMatch(line -> line.contains(text));
    }

    /** The wall-clock microseconds the test hook printed with a step ("... publish step NAME at MICROS"). */
    long stepTime(String step) {
        String prefix = "imsa-james test hook: publish step " + step + " at ";
        return lines.stream().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Long.parseLong(line.substring(prefix.length()).trim()))
                .orElseThrow(() -> new AssertionError("no '" + step + "' step in:\n" + output()));
    }

    /** SIGKILL, as kill -9. */
    void kill() {
        process.destroyForcibly();
    }

    int waitFor() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the generator did not finish within 120 s:\n" + output());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    String output() {
        return String.join("\n", lines);
    }
}
