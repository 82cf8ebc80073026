package org.imsajames.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A real James 3.8.1 memory server with our drop-in jar in {@code /root/extensions-jars} and a test's
 * conf folder in {@code /root/conf}, as an operator would run the official image.
 *
 * <p>Host networking: clients can bind distinct loopback sources (127.0.0.2, ...) and James sees the
 * real source address, which connection control needs. The conf folder must therefore put every
 * server on a free port ({@link JamesConfFolder} does).
 *
 * <p>Image: system property {@value #IMAGE_PROPERTY}, default {@value #DEFAULT_IMAGE}: our stand-in for the
 * official image (same layout, same Java 11), built by {@code integration-tests/docker/provision.sh} under a
 * name of its own. {@code -Djames.image=apache/james:memory-3.8.1} runs the official image, pulled where a
 * registry is reachable.
 */
public final class JamesContainer extends GenericContainer<JamesContainer> {

    public static final String IMAGE_PROPERTY = "james.image";
    public static final String DEFAULT_IMAGE = "imsa-james/james:memory-3.8.1";
    /** The image operators run, which {@value #DEFAULT_IMAGE} stands in for. */
    public static final String OFFICIAL_IMAGE = "apache/james:memory-3.8.1";
    static final String EXTENSION_JAR_PROPERTY = "imsa.extension.jar";
    static final String EXTENSIONS_FOLDER = "/root/extensions-jars/";

    // James resolves every client's name before any handler runs; a slow resolver stalls every
    // connection. With this file Java never asks the resolver (README, "Reverse DNS").
    private static final String HOSTS_FILE = "/root/imsa-test-hosts";
    // JAVA_TOOL_OPTIONS is how the official image takes extra JVM flags. C1 only: a test James lives
    // for seconds, and skipping the optimizing compiler shortens its start on a busy machine.
    private static final String JVM_FLAGS = "-Djdk.net.hosts.file=" + HOSTS_FILE + " -XX:TieredStopAtLevel=1";

    private static final long LOG_TIMEOUT_SECONDS = 30;
    private static final String FATAL_START_ERROR = "Fatal error while starting James";

    private final String image;
    private final ToStringConsumer log = new ToStringConsumer();

    public JamesContainer(Path confFolder) {
        this(configuredImage(), confFolder);
    }

    /** The James image the suites run: {@value #IMAGE_PROPERTY}, else {@value #DEFAULT_IMAGE}. */
    static String configuredImage() {
        return System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
    }

    private JamesContainer(String image, Path confFolder) {
        this(image, confFolder, false);
    }

    /**
     * The host's conf folder bind-mounted on /root/conf (read-write), as operators run the official image; it must
     * hold a whole James conf (the image's own files under it are hidden), symlinks are seen as they are.
     */
    static JamesContainer withConfMountedFrom(Path confFolder) {
        return new JamesContainer(configuredImage(), confFolder, true);
    }

    /**
     * An image that holds our jar and its conf already (built from conf-templates/docker/Dockerfile): nothing is
     * copied in.
     */
    static JamesContainer ofPreparedImage(String image) {
        return new JamesContainer(image);
    }

    private JamesContainer(String image, Path confFolder, boolean bindMount) {
        this(image);
        Path jar = extensionJar();
        withCopyFileToContainer(MountableFile.forHostPath(jar), EXTENSIONS_FOLDER + jar.getFileName());
        if (bindMount) {
            withFileSystemBind(confFolder.toAbsolutePath().toString(), "/root/conf", BindMode.READ_WRITE);
        } else {
            // Testcontainers' copy drops symbolic links, and generated conf is made of them (conf/smtpserver.xml
            // -> imsa/current/...): copy what they point to.
            withCopyFileToContainer(MountableFile.forHostPath(linksFollowed(confFolder)), "/root/conf/");
        }
    }

    private JamesContainer(String image) {
        super(DockerImageName.parse(image));
        this.image = image;
        withNetworkMode("host");
        withCopyToContainer(Transferable.of(hostsFile()), HOSTS_FILE);
        withEnv("JAVA_TOOL_OPTIONS", JVM_FLAGS);
        withLogConsumer(log);
        // Logged once every server (SMTP included) is bound and JMX is up.
        // Or its fatal error, after which James 3.8.1 stays up without serving: no point in waiting 5 minutes.
        waitingFor(Wait.forLogMessage(".*(JAMES server started|" + FATAL_START_ERROR + ").*", 1)
            .withStartupTimeout(Duration.ofMinutes(5)));
    }

    /** A copy of the folder in which every symbolic link is replaced by what it points to (as {@code cp -rL}). */
    private static Path linksFollowed(Path folder) {
        try {
            Path copy = Files.createTempDirectory(folder.toAbsolutePath().getParent(), folder.getFileName() + "-flat-");
            try (java.util.stream.Stream<Path> files = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(folder.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + folder + " for the container", e);
        }
    }

    @Override
    public void start() {
        // Not getDockerImageName(): it fetches the image, and the precondition must speak first.
        DockerPrecondition.requireImage(image);
        try {
            super.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("James (" + image + ") did not start. Its log:\n" + log(), e);
        }
        if (startedWithFatalError()) {
            String log = log();
            stop();
            throw new IllegalStateException("James (" + image + ") did not start. Its log:\n" + log);
        }
    }

    /** The wait ended on James's fatal start error rather than its "started" line (the log consumer may lag). */
    private boolean startedWithFatalError() {
        Instant deadline = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(deadline)) {
            String log = log();
            if (log.contains(FATAL_START_ERROR)) {
                return true;
            }
            if (log.contains("JAMES server started")) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** James's output so far (stdout and stderr). */
    public String log() {
        return log.toUtf8String();
    }

    /**
     * James's output once it satisfies {@code condition}: the output reaches the test a little after James
     * writes it. Fails after {@value #LOG_TIMEOUT_SECONDS} s, naming {@code what} was awaited.
     */
    public String awaitLog(Predicate<String> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(LOG_TIMEOUT_SECONDS);
        String log = log();
        while (!condition.test(log)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("James's log did not show " + what + " within " + LOG_TIMEOUT_SECONDS
                        + " s:\n" + log);
            }
            Thread.sleep(100);
            log = log();
        }
        return log;
    }

    /** The drop-in jar the pom names; a missing jar is a build problem, not a reason to test stock James. */
    static Path extensionJar() {
        String value = System.getProperty(EXTENSION_JAR_PROPERTY);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + EXTENSION_JAR_PROPERTY
                    + " is not set: run the integration tests through Maven (mvn -pl integration-tests test)");
        }
        Path jar = Path.of(value);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Extension jar " + jar + " does not exist: run 'mvn -B install -DskipTests' first");
        }
        return jar;
    }

    /** localhost and this host's name: James will not start if it cannot resolve its own name. */
    private static String hostsFile() {
        try {
            return "127.0.0.1 localhost " + InetAddress.getLocalHost().getHostName() + "\n::1 localhost\n";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Cannot tell this host's name for James's hosts file", e);
        }
    }
}
