package org.imsajames.hardening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.TimedCommand;

/** Open file descriptors and memory of a Linux process, read from /proc, and its live Java objects, from jcmd. */
final class ProcessResources {
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private final long pid;
    private final Path proc;

    ProcessResources(long pid) {
        this.pid = pid;
        this.proc = Paths.get("/proc", Long.toString(pid));
    }

    int openFileDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(proc.resolve("fd"))) {
            return (int) descriptors.count();
        }
    }

    /** VmRSS: resident memory now. */
    long residentKb() throws IOException {
        return statusKb("VmRSS:");
    }

    /** VmHWM: the highest resident memory so far. */
    long peakResidentKb() throws IOException {
        return statusKb("VmHWM:");
    }

    /**
     * The objects still reachable in the JVM: {@code jcmd PID GC.class_histogram} runs a full collection first, so
     * what it counts is what the process holds on to, not garbage waiting for the collector.
     */
    LiveObjects liveObjects() throws IOException, InterruptedException {
        TimedCommand.Result result = TimedCommand.run(List.of(jcmd().toString(), Long.toString(pid),
            "GC.class_histogram"), Map.of(), Duration.ofMinutes(1));
        if (result.exitCode() != 0) {
            throw new IOException("jcmd GC.class_histogram failed with " + result.exitCode() + ":\n" + result.output());
        }
        return new LiveObjects(result.output());
    }

    /** A class histogram of live objects. */
    static final class LiveObjects {
        private final String histogram;

        LiveObjects(String histogram) {
            this.histogram = histogram;
        }

        long totalBytes() {
            Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
            if (!total.find()) {
                throw new IllegalStateException("no Total line in the class histogram:\n" + histogram);
            }
            return Long.parseLong(total.group(2));
        }

        /** Live instances of the class named exactly NAME (0 when the histogram has no line for it). */
        long instances(String name) {
            Matcher line = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(name) + "(\\s|$)")
                .matcher(histogram);
            return line.find() ? Long.parseLong(line.group(1)) : 0;
        }
    }

    /** jcmd of the JDK James runs on (the attach protocol is the same JDK's), else of the one running the tests. */
    private static Path jcmd() {
        for (String home : new String[] {System.getProperty(JamesServerProcess.JAVA_HOME_PROPERTY),
            System.getProperty("java.home")}) {
            if (home != null && Files.isExecutable(Paths.get(home, "bin", "jcmd"))) {
                return Paths.get(home, "bin", "jcmd");
            }
        }
        throw new IllegalStateException("no jcmd next to the JDK James runs on nor the one running the tests");
    }

    private long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
            }
        }
        throw new IOException(proc.resolve("status") + " has no " + field);
    }
}
