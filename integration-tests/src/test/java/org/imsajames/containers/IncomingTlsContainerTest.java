package org.imsajames.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.imsajames.testkit.SmtpClient.Reply;
import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.TrustAllCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * IMSA "Enable Incoming TLS" with "Only accept SMTP connection by TLS" in the James image, on exactly what
 * {@code bin/imsa-james generate} wrote from the settings and the uploaded PEM key and certificate
 * (the keystore, smtpserver.xml, mailetcontainer.xml). The test adds only what the container needs:
 * JMX on a free port, the other servers off, WebAdmin to create a mailbox.
 */
@Testcontainers
class IncomingTlsContainerTest {

    private static final String MUST_STARTTLS = "530 5.7.0 Must issue a STARTTLS command first";
    private static final ImsaSettingsFile SETTINGS = ImsaSettingsFile.loopbackSmtp("incoming-tls").incomingTls(true);
    private static final JamesConfFolder CONF = JamesConfFolder.create("incoming-tls")
            .withWebAdmin()
            .withFile("usersrepository.xml", ConnectionControlScenarios.VIRTUAL_HOSTING)
            .generatedFrom(SETTINGS);

    @Container
    private static final JamesContainer JAMES = new JamesContainer(CONF.dir());

    private static final JamesWebAdmin WEB_ADMIN = new JamesWebAdmin(CONF.webAdminPort());

    @BeforeAll
    static void createRecipient() throws Exception {
        ConnectionControlScenarios.createRecipient(WEB_ADMIN);
    }

    @Test
    void startTlsIsOfferedAndAuthIsNotBeforeTls() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.4", CONF.smtpPort())) {
            assertThat(client.read().code()).isEqualTo("220");
            Reply ehlo = client.send("EHLO client.example");

            assertThat(ehlo.has("STARTTLS")).as(ehlo.toString()).isTrue();
            assertThat(ehlo.has("AUTH")).as(ehlo.toString()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAIL FROM:<sender@example.org>", "RCPT TO:<" + ConnectionControlScenarios.RECIPIENT + ">",
        "DATA", "AUTH PLAIN AGFsaWNlAGFsaWNlLXNlY3JldA==", "VRFY postmaster"})
    void commandsBeforeStartTlsGet530(String command) throws Exception {
        try (SmtpClient client = greeted("127.0.0.4")) {
            assertThat(client.send(command).toString()).isEqualTo(MUST_STARTTLS);
        }
    }

    @Test
    void handshakeServesTheUploadedCertificateAndItsChain() throws Exception {
        try (SmtpClient client = greeted("127.0.0.5")) {
            assertThat(client.send("STARTTLS").code()).isEqualTo("220");
            SSLSocket tls = client.startTls(TrustAllCertificates.socketFactory());

            Certificate[] served = tls.getSession().getPeerCertificates();
            assertThat(served[0]).isEqualTo(SETTINGS.tlsFiles().serverCertificate());
            assertThat(served).contains(SETTINGS.tlsFiles().ca().certificate());
            assertThat(tls.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void tlsVersionsBefore12AreRefused() throws Exception {
        assertThat(Security.getProperty("jdk.tls.disabledAlgorithms"))
                .as("the test client must be able to offer TLS 1.0 and 1.1 (surefire's legacy-tls-client.security), "
                        + "or a failed handshake proves nothing about James")
                .doesNotContain("TLSv1.1").doesNotContain("TLSv1,");
        for (String old : List.of("TLSv1.1", "TLSv1")) {
            try (SmtpClient client = greeted("127.0.0.6")) {
                assertThat(client.send("STARTTLS").code()).isEqualTo("220");

                assertThatThrownBy(() -> client.startTls(TrustAllCertificates.socketFactory(old), old))
                        .as(old).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void afterStartTlsAMessageIsDeliveredToALocalMailbox() throws Exception {
        try (SmtpClient client = greeted("127.0.0.7")) {
            assertThat(client.send("STARTTLS").code()).isEqualTo("220");
            client.startTls(TrustAllCertificates.socketFactory());
            assertThat(client.send("EHLO client.example").code()).isEqualTo("250");

            MailSubmission.submit(client, ConnectionControlScenarios.RECIPIENT, "delivered over TLS");
        }

        assertThat(WEB_ADMIN.awaitInboxCount(ConnectionControlScenarios.RECIPIENT, 1))
                .as("messages in %s's INBOX", ConnectionControlScenarios.RECIPIENT).isEqualTo(1);
    }

    @Test
    void commandsPipelinedBehindStartTlsAreNotExecuted() throws Exception {
        try (SmtpClient client = greeted("127.0.0.8")) {
            client.write("STARTTLS\r\nMAIL FROM:<injected@example.org>\r\n");
            Reply reply = client.read();
            if (!reply.code().equals("220")) {
                // James 3.8.1 detects the injection (CVE-2021-38542 fix): 451 and the connection is closed,
                // so the injected command runs neither in plaintext nor inside TLS.
                assertThat(reply.code()).as(reply.toString()).isEqualTo("451");
                assertThat(client.closedByServer()).isTrue();
                return;
            }
            try {
                client.startTls(TrustAllCertificates.socketFactory());
            } catch (IOException refusedHandshake) {
                return; // closing on injection is as good as discarding it
            }
            // Had the injected MAIL run inside TLS, a second MAIL in the same transaction would get 503.
            assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
            assertThat(client.send("MAIL FROM:<real@example.org>").code()).isEqualTo("250");
        }
    }

    private static SmtpClient greeted(String source) throws IOException {
        SmtpClient client = SmtpClient.connect(source, CONF.smtpPort());
        assertThat(client.read().code()).isEqualTo("220");
        assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
        return client;
    }
}
