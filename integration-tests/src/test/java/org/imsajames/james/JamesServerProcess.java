package org.imsajames.james;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real James 3.8.1 memory server in a child JVM: {@code HOME/conf} as written by the test, our jar in
 * {@code HOME/extensions-jars/}, exactly as an operator deploys it. James is not on the test's class path.
 */
public final class JamesServerProcess implements AutoCloseable {
    private static final String STARTED = "JAMES server started";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** The JRE James runs on (its folder); the test JVM's when unset. */
    public static final String JAVA_HOME_PROPERTY = "james.java.home";

    private final Process process;
    private final Path home;

    private JamesServerProcess(Process process, Path home) {
        this.process = process;
        this.home = home;
    }

    /** Starts James on HOME, whose conf/ folder the caller has filled, and waits until it has started. */
    public static JamesServerProcess start(Path home) throws IOException, InterruptedException {
        return start(home, List.of());
    }

    /** As {@link #start(Path)}, with more options for James's JVM, e.g. {@code -Djava.security.properties=...}. */
    public static JamesServerProcess start(Path home, List<String> jvmOptions) throws IOException, InterruptedException {
        JamesServerProcess james = launch(home, jvmOptions);
        james.awaitStarted();
        return james;
    }

    /** Starts James and expects it to refuse to start; returns its log. */
    public static String startExpectingFailure(Path home) throws IOException, InterruptedException {
        JamesServerProcess james = launch(home, List.of());
        try {
            james.awaitExit();
            return james.log();
        } finally {
            james.close();
        }
    }

    private static JamesServerProcess launch(Path home, List<String> jvmOptions) throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        Path extensions = Files.createDirectories(home.resolve("extensions-jars"));
        Path jar = Paths.get(requiredProperty("imsa.extension.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Extension jar " + jar + " missing: build it with mvn package");
        }
        Files.copy(jar, extensions.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        writeIfAbsent(conf.resolve("logback.xml"), resource("/james-logback.xml"));
        writeIfAbsent(conf.resolve("jmap.properties"), "enabled=false\n");
        // JMX stays on (James's default) but on a free port, so several servers can run side by side.
        writeIfAbsent(conf.resolve("jmx.properties"),
            "jmx.enabled=true\njmx.address=127.0.0.1\njmx.port=" + FreePorts.next() + "\n");
        Path hosts = home.resolve("hosts");
        // Keeps James's reverse lookups of clients off the outside resolver (README, "Reverse DNS"). A test that needs more names
        // (RemoteDelivery resolves MX names itself at TLS level verify) writes HOME/hosts first.
        writeIfAbsent(hosts, "127.0.0.1 localhost\n127.0.1.1 " + InetAddress.getLocalHost().getHostName() + "\n");

        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.add("-Dworking.directory=" + home);
        // James reads no conf/logback.xml by itself: without this, logback's default (everything at DEBUG) applies.
        command.add("-Dlogback.configurationFile=" + conf.resolve("logback.xml"));
        command.add("-Djdk.net.hosts.file=" + hosts);
        command.add("-cp");
        command.add(Files.readString(Paths.get(requiredProperty("james.classpath.file"))).trim());
        command.add("org.apache.james.MemoryJamesServerMain");
        Process process = new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("james.log").toFile())
            .start();
        return new JamesServerProcess(process, home);
    }

    private void awaitStarted() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (log().contains(STARTED)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("James exited with " + process.exitValue() + " before starting:\n" + logTail());
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("James did not start within " + START_TIMEOUT + ":\n" + logTail());
    }

    private void awaitExit() throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            if (log().contains(STARTED)) {
                throw new IllegalStateException("James started although it should have refused to:\n" + logTail());
            }
            Thread.sleep(200);
        }
        if (process.isAlive()) {
            throw new IllegalStateException("James neither started nor exited within " + START_TIMEOUT);
        }
    }

    public String log() throws IOException {
        Path log = home.resolve("james.log");
        return Files.exists(log) ? Files.readString(log, UTF_8) : "";
    }

    /** The log written since byte OFFSET (for tests that poll a growing log without rereading it). */
    public String logFrom(long offset) throws IOException {
        Path log = home.resolve("james.log");
        try (var channel = java.nio.channels.FileChannel.open(log)) {
            long size = channel.size();
            if (size <= offset) {
                return "";
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) (size - offset));
            channel.read(buffer, offset);
            return new String(buffer.array(), 0, buffer.position(), UTF_8);
        }
    }

    /** The errors first (the cause of a failed start is usually the first one), then the end of the log. */
    private String logTail() throws IOException {
        String log = log();
        String errors = log.lines()
            .filter(line -> line.contains("ERROR") || line.contains("Exception:") || line.startsWith("Caused by"))
            .limit(40)
            .collect(java.util.stream.Collectors.joining("\n"));
        String tail = log.length() > 10_000 ? log.substring(log.length() - 10_000) : log;
        return "--- errors ---\n" + errors + "\n--- end of log ---\n" + tail;
    }

    public Path home() {
        return home;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(30), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * The java that runs James: {@code <james.java.home>/bin/java} ({@code -Djames.java.home=/opt/imsa-james/jre-11},
     * the official image's Java, as run-all.sh passes), else the test JVM's own.
     */
    static String javaCommand() {
        String configured = System.getProperty(JAVA_HOME_PROPERTY, "");
        Path javaHome = Paths.get(configured.isBlank() ? System.getProperty("java.home") : configured);
        Path java = javaHome.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException(JAVA_HOME_PROPERTY + "=" + javaHome + " has no bin/java: run "
                + "integration-tests/docker/provision.sh (installs /opt/imsa-james/jre-11) or name another JRE");
        }
        return java.toString();
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set: run the tests through Maven");
        }
        return value;
    }

    private static void writeIfAbsent(Path file, String content) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, content);
        }
    }

    private static String resource(String name) throws IOException {
        try (var in = JamesServerProcess.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Test resource " + name + " missing");
            }
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
