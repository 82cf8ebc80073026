package org.imsajames.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real James 3.8.1 memory server in a child JVM: {@code HOME/conf} as written by the caller, our jar in
 * {@code HOME/extensions-jars/}, exactly as an operator deploys it. James is not on the caller's class path.
 *
 * <p>The integration tests use {@link #start(Path)}, which reads where things are from the system properties Maven
 * sets ({@value #EXTENSION_JAR_PROPERTY}, {@value #CLASSPATH_FILE_PROPERTY}, optionally {@value #JAVA_HOME_PROPERTY});
 * the benchmarks say it with a {@link #launcher(Path)}.
 */
public final class JamesServerProcess implements AutoCloseable {
    public static final String EXTENSION_JAR_PROPERTY = "imsa.extension.jar";
    public static final String CLASSPATH_FILE_PROPERTY = "james.classpath.file";
    /** The JDK James runs on when it is not the one running the tests (e.g. Java 11, as in the official image). */
    public static final String JAVA_HOME_PROPERTY = "james.java.home";
    static final String STARTED = "JAMES server started";

    private final Process process;
    private final Path home;
    private final Duration startTimeout;

    private JamesServerProcess(Process process, Path home, Duration startTimeout) {
        this.process = process;
        this.home = home;
        this.startTimeout = startTimeout;
    }

    /** Starts James on HOME, whose conf/ folder the caller has filled, and waits until it has started. */
    public static JamesServerProcess start(Path home) throws IOException, InterruptedException {
        return launcher(home).start();
    }

    /** As {@link #start(Path)}, with more options for James's JVM, e.g. {@code -Djava.security.properties=...}. */
    public static JamesServerProcess start(Path home, List<String> jvmOptions) throws IOException, InterruptedException {
        return launcher(home).jvmOptions(jvmOptions).start();
    }

    /** Starts James and expects it to refuse to start; returns its log. */
    public static String startExpectingFailure(Path home) throws IOException, InterruptedException {
        return launcher(home).startExpectingFailure();
    }

    /** A launcher for HOME with the settings of the Maven build (system properties), each of which can be changed. */
    public static Launcher launcher(Path home) {
        return new Launcher(home);
    }

    /** How to start one James: where it lives, which jar and JVM, and how long it may take. */
    public static final class Launcher {
        private final Path home;
        private Path extensionJar;
        private Path classPathFile;
        private Path javaHome;
        private String heap = "512m";
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> commandPrefix = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(90);
        private boolean systemResolver;

        private Launcher(Path home) {
            this.home = home;
            String jar = System.getProperty(EXTENSION_JAR_PROPERTY);
            this.extensionJar = jar == null ? null : Paths.get(jar);
            String classPath = System.getProperty(CLASSPATH_FILE_PROPERTY);
            this.classPathFile = classPath == null ? null : Paths.get(classPath);
            String configured = System.getProperty(JAVA_HOME_PROPERTY, "");
            this.javaHome = Paths.get(configured.isBlank() ? System.getProperty("java.home") : configured);
        }

        /** The drop-in jar copied into extensions-jars/; null for stock James (nothing copied). */
        public Launcher extensionJar(Path jar) {
            this.extensionJar = jar;
            return this;
        }

        /** The file listing James's runtime class path (james-runtime/target/james.classpath). */
        public Launcher classPathFile(Path file) {
            this.classPathFile = file;
            return this;
        }

        public Launcher javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        /** -Xmx, e.g. "512m" (the default). */
        public Launcher heap(String heap) {
            this.heap = heap;
            return this;
        }

        public Launcher jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** Words put before the java command, e.g. {@code taskset -c 0} to pin James to a CPU. */
        public Launcher commandPrefix(List<String> prefix) {
            commandPrefix.addAll(prefix);
            return this;
        }

        /**
         * True: no hosts file, James's lookups go to the system resolver (the load comparison does this only inside a
         * network namespace of its own, with its own DNS responder).
         */
        public Launcher systemResolver(boolean systemResolver) {
            this.systemResolver = systemResolver;
            return this;
        }

        public Launcher startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Starts James and waits until it has started; on failure James is stopped and its log is in the error. */
        public JamesServerProcess start() throws IOException, InterruptedException {
            JamesServerProcess james = launch();
            try {
                james.awaitStarted();
            } catch (IOException | RuntimeException | InterruptedException e) {
                james.close();
                throw e;
            }
            return james;
        }

        /** Starts James and expects it to exit without starting; returns its log. */
        public String startExpectingFailure() throws IOException, InterruptedException {
            try (JamesServerProcess james = launch()) {
                james.awaitExit();
                return james.log();
            }
        }

        private JamesServerProcess launch() throws IOException {
            Path conf = Files.createDirectories(home.resolve("conf"));
            Path extensions = Files.createDirectories(home.resolve("extensions-jars"));
            if (extensionJar != null) {
                if (!Files.isRegularFile(extensionJar)) {
                    throw new IllegalStateException("Extension jar " + extensionJar + " missing: build it with mvn package");
                }
                Files.copy(extensionJar, extensions.resolve(extensionJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            if (classPathFile == null) {
                throw new IllegalStateException("System property " + CLASSPATH_FILE_PROPERTY
                    + " is not set: run the tests through Maven");
            }
            writeIfAbsent(conf.resolve("logback.xml"), resource("james-logback.xml"));
            writeIfAbsent(conf.resolve("jmap.properties"), "enabled=false\n");
            // JMX stays on (James's default) but on a free port, so several servers can run side by side.
            writeIfAbsent(conf.resolve("jmx.properties"),
                "jmx.enabled=true\njmx.address=127.0.0.1\njmx.port=" + FreePorts.next() + "\n");
            Path hosts = home.resolve("hosts");
            // Keeps James's reverse lookups of clients off the outside resolver (README, "Reverse DNS"). A caller that
            // needs more names (RemoteDelivery resolves MX names itself at TLS level verify) writes HOME/hosts first.
            writeIfAbsent(hosts, "127.0.0.1 localhost\n127.0.1.1 " + InetAddress.getLocalHost().getHostName() + "\n");

            Path java = javaHome.resolve("bin").resolve("java");
            if (!Files.isExecutable(java)) {
                throw new IllegalStateException(JAVA_HOME_PROPERTY + "=" + javaHome + " has no bin/java");
            }
            List<String> command = new ArrayList<>(commandPrefix);
            command.add(java.toString());
            command.add("-Xmx" + heap);
            command.addAll(jvmOptions);
            command.add("-Dworking.directory=" + home);
            // James reads no conf/logback.xml by itself: without this, logback's default (everything at DEBUG) applies.
            command.add("-Dlogback.configurationFile=" + conf.resolve("logback.xml"));
            if (!systemResolver) {
                command.add("-Djdk.net.hosts.file=" + hosts);
            }
            command.add("-cp");
            command.add(Files.readString(classPathFile).trim());
            command.add("org.apache.james.MemoryJamesServerMain");
            Process process = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("james.log").toFile())
                .start();
            return new JamesServerProcess(process, home, startTimeout);
        }
    }

    private void awaitStarted() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(startTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (log().contains(STARTED)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("James exited with " + process.exitValue() + " before starting:\n" + logTail());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("James did not start within " + startTimeout + ":\n" + logTail());
    }

    private void awaitExit() throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(startTimeout);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            if (log().contains(STARTED)) {
                throw new IllegalStateException("James started although it should have refused to:\n" + logTail());
            }
            Thread.sleep(200);
        }
        if (process.isAlive()) {
            throw new IllegalStateException("James neither started nor exited within " + startTimeout);
        }
    }

    public String log() throws IOException {
        Path log = logFile();
        return Files.exists(log) ? Files.readString(log, UTF_8) : "";
    }

    public Path logFile() {
        return home.resolve("james.log");
    }

    /** The log written since byte OFFSET (for tests that poll a growing log without rereading it). */
    public String logFrom(long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(logFile())) {
            long size = channel.size();
            if (size <= offset) {
                return "";
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - offset));
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
            .collect(Collectors.joining("\n"));
        String tail = log.length() > 10_000 ? log.substring(log.length() - 10_000) : log;
        return "--- errors ---\n" + errors + "\n--- end of log ---\n" + tail;
    }

    public Path home() {
        return home;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * kill -9 of James's own JVM (this process is the java command itself, no wrapper): SIGKILL, no shutdown hook
     * runs. Returns the exit value once the process is gone (137, 128 + SIGKILL).
     */
    public int killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("James (pid " + process.pid() + ") still runs 30 s after SIGKILL");
        }
        return process.exitValue();
    }

    /** Stops James as its service manager would (SIGTERM), forcibly after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void writeIfAbsent(Path file, String content) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, content);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = JamesServerProcess.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Test kit resource " + name + " missing");
            }
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
