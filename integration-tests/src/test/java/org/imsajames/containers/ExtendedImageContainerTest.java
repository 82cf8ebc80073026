package org.imsajames.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imsajames.james.SmtpAssertions.assertRefused;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocket;

import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.TrustAllCertificates;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;

/**
 * The James image extended as the README tells operators to, with {@code conf-templates/docker/Dockerfile}: a
 * build context holding our jar in {@code extensions-jars/} and the generator's output in {@code conf/}, built
 * with {@code docker build --build-arg JAMES_IMAGE=...} on the suites' image (our stand-in for the official one,
 * or the official one with {@code -Djames.image}). The image built runs without anything copied in by the test:
 * a listed client is refused, another gets the generated keystore's certificate over STARTTLS, on Java 11.
 */
class ExtendedImageContainerTest {
    private static final String REFUSED = "127.0.73.5";
    private static final String ACCEPTED = "127.0.74.5";
    private static final String MUST_STARTTLS = "530 5.7.0 Must issue a STARTTLS command first";
    private static final long BUILD_TIMEOUT_SECONDS = 300;

    @Test
    void imageBuiltFromTheDocumentedDockerfileRunsThePolicyOnJava11() throws Exception {
        ImsaSettingsFile settings = ImsaSettingsFile.loopbackSmtp("dockerfile")
                .refuse("127.0.73.0/24")
                .incomingTls(true);
        JamesConfFolder conf = JamesConfFolder.create("dockerfile").generatedFrom(settings);
        Path context = buildContext(conf.dir());
        String tag = "imsa-james/extended-test:" + UUID.randomUUID().toString().substring(0, 8);

        docker("build", "--build-arg", "JAMES_IMAGE=" + JamesContainer.configuredImage(), "-t", tag, context.toString());
        try (JamesContainer james = JamesContainer.ofPreparedImage(tag)) {
            james.start();

            assertThat(james.execInContainer("readlink", "/root/conf/smtpserver.xml").getStdout().strip())
                    .as("the generated conf's relative symlink, as COPY put it into the image")
                    .isEqualTo("imsa/current/smtpserver.xml");
            assertThat(jamesJavaVersion(james)).as("java -version of the JVM James runs on").contains("version \"11.");

            assertRefused(REFUSED, settings.port());
            try (SmtpClient client = SmtpClient.connect(ACCEPTED, settings.port())) {
                assertThat(client.read().code()).isEqualTo("220");
                assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
                assertThat(client.send("MAIL FROM:<sender@example.org>").toString()).isEqualTo(MUST_STARTTLS);
                assertThat(client.send("STARTTLS").code()).isEqualTo("220");
                SSLSocket tls = client.startTls(TrustAllCertificates.socketFactory());

                assertThat(tls.getSession().getPeerCertificates()[0])
                        .as("the certificate of the generated keystore").isEqualTo(settings.tlsFiles().serverCertificate());
                assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
                assertThat(client.send("MAIL FROM:<sender@example.org>").code()).isEqualTo("250");
            }
        } finally {
            docker("image", "rm", "--force", tag);
        }
    }

    /**
     * The Java of the process that runs MemoryJamesServerMain ({@code /proc/PID/exe -version}): the JVM James
     * really runs on, whatever else the image's PATH holds.
     */
    private static String jamesJavaVersion(JamesContainer james) throws Exception {
        ExecResult result = james.execInContainer("sh", "-c", String.join("\n",
                "for d in /proc/[0-9]*; do",
                "  [ \"$d\" = \"/proc/$$\" ] && continue",
                "  case \"$(tr '\\0' ' ' < \"$d/cmdline\" 2>/dev/null)\" in",
                "    *org.apache.james.MemoryJamesServerMain*) exec \"$d/exe\" -version ;;",
                "  esac",
                "done",
                "echo 'no process runs org.apache.james.MemoryJamesServerMain' >&2",
                "exit 3"));
        assertThat(result.getExitCode()).as(result.getStderr()).isZero();
        return result.getStderr();
    }

    /** What an operator puts next to the Dockerfile: the jar in extensions-jars/, the generated conf in conf/. */
    private static Path buildContext(Path generatedConf) throws IOException {
        Path context = Files.createTempDirectory(generatedConf.getParent(), "dockerfile-context-");
        Path dockerfile = ConfGeneratorCli.projectDir().resolve("conf-templates/docker/Dockerfile");
        Files.copy(dockerfile, context.resolve("Dockerfile"));
        Path jar = JamesContainer.extensionJar();
        Files.copy(jar, Files.createDirectories(context.resolve("extensions-jars")).resolve(jar.getFileName()));
        copyKeepingLinks(generatedConf, context.resolve("conf"));
        return context;
    }

    /** As {@code cp -a}: the generated conf is made of relative symlinks, which must reach the image as they are. */
    private static void copyKeepingLinks(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = new ArrayList<>(walk.toList());
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            if (Files.isSymbolicLink(file)) {
                Files.createSymbolicLink(target, Files.readSymbolicLink(file));
            } else if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(target);
            } else {
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** The docker CLI, as operators build: the classic builder (Debian's docker.io has no buildx). */
    private static void docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("docker-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("DOCKER_BUILDKIT", "0");
        Process process = builder.start();
        if (!process.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + BUILD_TIMEOUT_SECONDS
                    + " s:\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + Files.readString(output, StandardCharsets.UTF_8))
                .isZero();
        Files.delete(output);
    }
}
