package org.imsajames.bench.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the results depend on: CPUs, memory, JDK, kernel, Postfix, and how busy the machine was. */
final class MachineInfo {
    private MachineInfo() {
    }

    static String describe(Path work) {
        return String.format("%d CPUs (%s), %s memory, %s %s, kernel %s, Postfix %s",
            cpuCount(), cpuModel(), memTotal(), System.getProperty("java.vm.name"),
            System.getProperty("java.runtime.version"), firstLine(Path.of("/proc/sys/kernel/osrelease")),
            postfixVersion(work));
    }

    /** The three load averages, e.g. "2.10 1.95 1.80". */
    static String loadAverage() {
        String line = firstLine(Path.of("/proc/loadavg"));
        String[] parts = line.split(" ");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : line;
    }

    /** CPUs of the machine, not those this process is pinned to. */
    private static long cpuCount() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("processor")).count();
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memTotal() {
        try {
            long kib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
            return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String postfixVersion(Path work) {
        try {
            Path log = work.resolve("postconf.log");
            Path out = work.resolve("postfix-version.txt");
            Process process = new ProcessBuilder("postconf", "-d", "-h", "mail_version").redirectOutput(out.toFile())
                .redirectError(log.toFile()).start();
            return process.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                && process.exitValue() == 0 ? firstLine(out) : "unknown";
        } catch (IOException e) {
            return "not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String firstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? "" : lines.get(0).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
