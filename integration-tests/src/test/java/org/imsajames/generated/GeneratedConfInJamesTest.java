package org.imsajames.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.james.SmtpAssertions;
import org.imsajames.testkit.JamesExtension;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpClient.Reply;
import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.TestPki;
import org.imsajames.testkit.TrustAllCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole operator path: IMSA-style settings and uploaded PEM files, {@code bin/imsa-james generate}, and a real
 * James 3.8.1 booted on exactly the generated conf folder with the drop-in jar.
 */
class GeneratedConfInJamesTest {
    /** Written while the conf is generated, before James starts. */
    static TestPki.ServerFiles tls;
    static String generatorOutput;

    @RegisterExtension
    static final JamesExtension JAMES = JamesExtension.withConf((home, port) -> {
        Path settingsDir = Files.createDirectories(home.resolve("settings"));
        tls = TestPki.writeServerFiles(Files.createDirectories(settingsDir.resolve("tls")), TestPki.KeyType.EC,
            TestPki.KeyEncoding.PEM_PKCS8_ENCRYPTED, "key-password".toCharArray());
        Files.createDirectories(settingsDir.resolve("lists"));
        Files.writeString(settingsDir.resolve("lists/deny.txt"), "# imported\n127.0.3.0:255.255.255.0\n");
        Path settings = settingsDir.resolve("imsa.yaml");
        Files.writeString(settings, String.join("\n",
            "smtpInterface:",
            "  ipAddress: loopback",
            "  port: " + port,
            "connectionControl:",
            "  policy: accept-all-except",
            "  entries:",
            "    - 127.0.0.2",
            "    - 127.0.1.9:255.255.255.0",
            "  importFiles: [lists/deny.txt]",
            "relay:",
            "  permittedSenders: [127.0.0.0/8]",
            "tls:",
            "  incoming:",
            "    enabled: true",
            "    tlsOnly: true",
            "    privateKey: tls/server.key",
            "    privateKeyPassword: env:IMSA_TEST_KEY_PASSWORD",
            "    serverCertificate: tls/server.crt",
            "    caCertificate: tls/ca.crt",
            "  outgoing:",
            "    enabled: true",
            "    mode: required",
            ""));
        Path conf = Files.createDirectories(home.resolve("conf"));

        generatorOutput = ImsaJamesCommand.succeed(Map.of("IMSA_TEST_KEY_PASSWORD", "key-password"),
            "generate", "--settings", settings.toString(), "--out", conf.toString());
    });

    final Path home = JAMES.home();
    final JamesServerProcess james = JAMES.process();
    final int port = JAMES.port();

    @Test
    void generatorWarnsAboutHostBitsAndNeverPrintsTheSecrets() throws Exception {
        assertThat(generatorOutput).contains("127.0.1.9:255.255.255.0");
        assertThat(generatorOutput).doesNotContain("key-password");
        String secret = secretOf(Files.readString(home.resolve("conf/smtpserver.xml")));
        assertThat(generatorOutput).doesNotContain(secret);
        assertThat(james.log()).doesNotContain(secret).doesNotContain("key-password");
    }

    @Test
    void keystoreAndTheFileHoldingItsSecretAreReadableByTheOwnerOnly() throws Exception {
        for (String file : List.of("imsa/current/keystore.p12", "smtpserver.xml")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("conf").resolve(file))))
                .as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void connectionControlFromTheSettingsIsInForce() throws Exception {
        SmtpAssertions.assertRefused("127.0.0.2", port);
        SmtpAssertions.assertRefused("127.0.1.200", port);
        SmtpAssertions.assertRefused("127.0.3.4", port);
    }

    @Test
    void tlsOnlyThenARealHandshakeWithTheUploadedCertificateChain() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.6", port)) {
            assertThat(client.read().code()).isEqualTo("220");
            Reply ehlo = client.send("EHLO client.example");
            assertThat(ehlo.has("STARTTLS")).isTrue();
            assertThat(ehlo.has("AUTH")).isFalse();
            assertThat(client.send("MAIL FROM:<a@example.com>").toString())
                .isEqualTo("530 5.7.0 Must issue a STARTTLS command first");

            assertThat(client.send("STARTTLS").code()).isEqualTo("220");
            SSLSocket socket = client.startTls(TrustAllCertificates.socketFactory());

            Certificate[] served = socket.getSession().getPeerCertificates();
            assertThat(served[0]).isEqualTo(tls.serverCertificate());
            assertThat(served).contains(tls.ca().certificate());
            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
            assertThat(client.send("MAIL FROM:<a@example.com>").code()).isEqualTo("250");
            assertThat(client.send("RCPT TO:<b@remote.example>").code()).as("127/8 may relay").isEqualTo("250");
        }
    }

    @Test
    void oldTlsVersionsAreRefused() throws Exception {
        assertThat(java.security.Security.getProperty("jdk.tls.disabledAlgorithms"))
            .as("our test client must be able to offer old versions, or this test proves nothing")
            .doesNotContain("TLSv1.1").doesNotContain("TLSv1,");
        for (String old : List.of("TLSv1.1", "TLSv1")) {
            try (SmtpClient client = SmtpClient.connect("127.0.0.7", port)) {
                client.read();
                client.send("EHLO client.example");
                assertThat(client.send("STARTTLS").code()).isEqualTo("220");
                assertThatThrownBy(() -> client.startTls(TrustAllCertificates.socketFactory(old), old))
                    .as(old).isInstanceOfAny(SSLHandshakeException.class, java.io.IOException.class);
            }
        }
    }

    @Test
    void jamesLoadsTheGeneratedJvmPropertiesAndRefusesAClientInitiatedRenegotiation() throws Exception {
        assertThat(Files.readSymbolicLink(home.resolve("conf/jvm.properties"))).hasToString("imsa/current/jvm.properties");
        assertThat(james.log()).contains("Load extra system properties file conf/jvm.properties");
        try (SmtpClient client = SmtpClient.connect("127.0.0.8", port)) {
            client.read();
            client.send("EHLO client.example");
            assertThat(client.send("STARTTLS").code()).isEqualTo("220");
            SSLSocket socket = client.startTls(TrustAllCertificates.socketFactory("TLSv1.2"), "TLSv1.2");
            assertThat(client.send("EHLO client.example").code()).isEqualTo("250");

            // TLS 1.3 has no renegotiation; on 1.2 a second handshake started by the client is one.
            assertThatThrownBy(() -> {
                socket.startHandshake();
                client.send("NOOP");
            }).as("jdk.tls.rejectClientInitiatedRenegotiation=true from the generated jvm.properties")
                .isInstanceOf(java.io.IOException.class);
        }
    }

    private static String secretOf(String smtpServerXml) {
        int start = smtpServerXml.indexOf("<secret>") + "<secret>".length();
        return smtpServerXml.substring(start, smtpServerXml.indexOf("</secret>", start));
    }
}
