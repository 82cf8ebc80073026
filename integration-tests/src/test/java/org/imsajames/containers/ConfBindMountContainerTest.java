package org.imsajames.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.james.SmtpAssertions;
import org.imsajames.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;

/**
 * The official image as operators run it: the host's conf folder bind-mounted on /root/conf (not copied in),
 * filled first with the image's own conf, then {@code bin/imsa-james generate} on the host. The relative
 * symlinks (conf/smtpserver.xml -> imsa/current/..., imsa/current -> generations/ID) resolve inside the
 * container too, and James applies the generated policy: a refused and an accepted client.
 */
class ConfBindMountContainerTest {
    private static final String REFUSED = "127.0.71.5";
    private static final String ACCEPTED = "127.0.72.5";

    @Test
    void generatedConfBindMountedFromTheHostStartsJamesWithThePolicyInForce() throws Exception {
        Path conf = JamesConfFolder.create("bind-mount").dir();
        copyImageConfInto(conf);
        assertThat(Files.isRegularFile(conf.resolve("smtpserver.xml"))).as("the image's own file, to be converted")
                .isTrue();
        int port = FreePorts.next();
        Path settings = Files.createTempDirectory(conf.getParent(), "bind-mount-settings-").resolve("imsa.yaml");
        Files.writeString(settings, String.join("\n",
                "smtpInterface: {ipAddress: loopback, port: " + port + "}",
                "connectionControl: {policy: accept-all-except, entries: [127.0.71.0/24]}",
                "relay: {permittedSenders: [127.0.0.0/8]}",
                ""));

        ImsaJamesCommand.succeed(Map.of(), "generate", "--settings", settings.toString(), "--out", conf.toString());
        assertThat(Files.readSymbolicLink(conf.resolve("smtpserver.xml"))).hasToString("imsa/current/smtpserver.xml");

        try (JamesContainer james = JamesContainer.withConfMountedFrom(conf)) {
            james.start();
            String generation = Files.readSymbolicLink(conf.resolve("imsa/current")).toString();
            ExecResult resolved = james.execInContainer("readlink", "-f", "/root/conf/smtpserver.xml");
            assertThat(resolved.getStdout().strip()).isEqualTo("/root/conf/imsa/" + generation + "/smtpserver.xml");

            SmtpAssertions.assertRefused(REFUSED, port);
            SmtpAssertions.assertGreeted(ACCEPTED, port);
        }
    }

    /** docker create + docker cp: the image's /root/conf, for every name the test's folder does not have yet. */
    private static void copyImageConfInto(Path conf) throws Exception {
        Path imageConf = Files.createTempDirectory(conf.getParent(), "image-conf-");
        String id = docker("create", JamesContainer.configuredImage()).strip();
        try {
            docker("cp", id + ":/root/conf/.", imageConf.toString());
        } finally {
            docker("rm", id);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(imageConf)) {
            files = list.collect(Collectors.toList());
        }
        for (Path file : files) {
            Path target = conf.resolve(file.getFileName().toString());
            if (!Files.exists(target) && Files.isRegularFile(file)) {
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
