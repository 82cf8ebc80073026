package org.imsajames.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.TestPki;

/**
 * The IMSA-style settings an operator writes for {@code bin/imsa-james generate}: one SMTP server on
 * loopback and a free port, plus what a suite turns on. Written, with the uploaded PEM files, into a
 * folder of its own: the private key never goes into the container, only the keystore made from it.
 */
final class ImsaSettingsFile {

    private static final String FILE_NAME = "imsa.yaml";

    private final Path dir;
    private final int port = FreePorts.next();
    private String permittedSenders;
    private final List<String> refused = new ArrayList<>();
    private final List<String> incomingTls = new ArrayList<>();
    private final List<String> outgoingTls = new ArrayList<>();
    private TestPki.ServerFiles tlsFiles;
    private Path templates;

    private ImsaSettingsFile(Path dir) {
        this.dir = dir;
    }

    /** Settings with only {@code smtpInterface} (loopback, a free port): connection control accepts everyone. */
    static ImsaSettingsFile loopbackSmtp(String name) {
        try {
            Path parent = Files.createDirectories(Path.of(System.getProperty("basedir", "."), "target", "imsa-settings"));
            return new ImsaSettingsFile(Files.createTempDirectory(parent, name + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a settings folder", e);
        }
    }

    /** IMSA "Permitted senders of relayed mail": one entry. */
    ImsaSettingsFile permitRelayFrom(String entry) {
        permittedSenders = entry;
        return this;
    }

    /** IMSA "Accept all, except the following list": one more entry on the list. */
    ImsaSettingsFile refuse(String entry) {
        refused.add(entry);
        return this;
    }

    /**
     * IMSA "Enable Incoming TLS" (and "Only accept SMTP connection by TLS" when {@code tlsOnly}) with a
     * CA-signed key and certificate uploaded as PEM files.
     */
    ImsaSettingsFile incomingTls(boolean tlsOnly) {
        Path tls = dir.resolve("tls");
        try {
            Files.createDirectories(tls);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + tls, e);
        }
        tlsFiles = TestPki.writeServerFiles(tls, TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
        incomingTls.addAll(List.of(
                "  incoming:",
                "    enabled: true",
                "    tlsOnly: " + tlsOnly,
                "    privateKey: tls/" + TestPki.SERVER_KEY_FILE,
                "    serverCertificate: tls/" + TestPki.SERVER_CERTIFICATE_FILE,
                "    caCertificate: tls/" + TestPki.CA_CERTIFICATE_FILE));
        return this;
    }

    /** IMSA "Enable Outgoing TLS" in {@code mode} (opportunistic, required, verify), all mail to a gateway on loopback. */
    ImsaSettingsFile outgoingTlsThroughGateway(String mode, int gatewayPort) {
        outgoingTls.addAll(List.of(
                "  outgoing:",
                "    enabled: true",
                "    mode: " + mode,
                "    gateway: 127.0.0.1:" + gatewayPort));
        return this;
    }

    /**
     * {@code --templates}: the project's conf-templates, but RemoteDelivery retries once, after one second,
     * then bounces (the template says 3 retries over 10 minutes; the generator leaves these alone).
     */
    ImsaSettingsFile remoteDeliveryRetriesOnceAfterOneSecond() {
        Path source = ConfGeneratorCli.projectDir().resolve("conf-templates");
        templates = dir.resolve("templates");
        try {
            Files.createDirectories(templates);
            Files.copy(source.resolve("smtpserver.xml"), templates.resolve("smtpserver.xml"));
            String mailetContainer = Files.readString(source.resolve("mailetcontainer.xml"));
            Files.writeString(templates.resolve("mailetcontainer.xml"), replaceOnce(replaceOnce(mailetContainer,
                    "<delayTime>5000, 100000, 500000</delayTime>", "<delayTime>1000</delayTime>"),
                    "<maxRetries>3</maxRetries>", "<maxRetries>1</maxRetries>"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write templates into " + templates, e);
        }
        return this;
    }

    private static String replaceOnce(String text, String expected, String replacement) {
        if (!text.contains(expected)) {
            throw new IllegalStateException("conf-templates/mailetcontainer.xml no longer has " + expected);
        }
        return text.replace(expected, replacement);
    }

    int port() {
        return port;
    }

    /** The uploaded key and certificate ({@link #incomingTls} must have been called). */
    TestPki.ServerFiles tlsFiles() {
        if (tlsFiles == null) {
            throw new IllegalStateException("No incoming TLS in " + dir + ": call incomingTls first");
        }
        return tlsFiles;
    }

    /** The folder given to {@code --templates}, if any. */
    Optional<Path> templates() {
        return Optional.ofNullable(templates);
    }

    /** Writes the settings file and returns its path. */
    Path write() {
        List<String> yaml = new ArrayList<>(List.of(
                "smtpInterface:",
                "  ipAddress: loopback",
                "  port: " + port));
        if (!refused.isEmpty()) {
            yaml.add("connectionControl:");
            yaml.add("  policy: accept-all-except");
            yaml.add("  entries: [" + String.join(", ", refused) + "]");
        }
        if (permittedSenders != null) {
            yaml.add("relay:");
            yaml.add("  permittedSenders: [" + permittedSenders + "]");
        }
        if (!incomingTls.isEmpty() || !outgoingTls.isEmpty()) {
            yaml.add("tls:");
            yaml.addAll(incomingTls);
            yaml.addAll(outgoingTls);
        }
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.write(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }
}
