package org.imsajames.bench.comparison;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starting, pinning, watching and stopping the server processes this comparison runs. */
final class ChildProcesses {
    private ChildProcesses() {
    }

    /** The command, run on the given CPUs (taskset) when cpus is not empty. */
    static List<String> pinned(String cpus, List<String> command) {
        List<String> full = new ArrayList<>();
        if (!cpus.isEmpty()) {
            full.add("taskset");
            full.add("-c");
            full.add(cpus);
        }
        full.addAll(command);
        return full;
    }

    /** Runs a command to its end (at most timeout); its output goes to log; fails on a non-zero exit. */
    static void run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new IOException(
                String.join(" ", command) + " failed with exit " + process.exitValue() + ", see " + log);
        }
    }

    /** Waits until something accepts connections on 127.0.0.1:port. */
    static void awaitPort(int port, Duration timeout, Process process, Path log)
        throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                if (process != null && !process.isAlive()) {
                    throw new IOException(
                        "process exited with " + process.exitValue() + " before listening; see " + log);
                }
                Thread.sleep(200);
            }
        }
        throw new IOException("nothing listens on 127.0.0.1:" + port + " after " + timeout + "; see " + log);
    }

    /** Resident set size of a process, in KiB, from /proc. */
    static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
