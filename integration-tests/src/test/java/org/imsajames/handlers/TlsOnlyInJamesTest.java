package org.imsajames.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLSocket;

import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesExtension;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpClient.Reply;
import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.SmtpServerXml;
import org.imsajames.testkit.TestPki;
import org.imsajames.testkit.TrustAllCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TlsOnlyHandler inside a real James 3.8.1 with STARTTLS from a PKCS12 keystore; real TLS handshakes. */
class TlsOnlyInJamesTest {
    private static final String SECRET = "test-keystore-secret";
    private static final String TLS_ONLY = "<handler class=\"org.imsajames.smtp.TlsOnlyHandler\"/>";
    private static X509Certificate keystoreCertificate;

    @RegisterExtension
    static final JamesExtension JAMES = JamesExtension.withConf((home, port) -> {
        SmtpServerXml.writeInto(home, SmtpServerXml.of(port, SmtpServerXml.startTls("keystore.p12", SECRET), TLS_ONLY));
        keystoreCertificate = TestPki.writeSelfSignedKeystore(home.resolve("conf/keystore.p12"), SECRET.toCharArray(),
            "imsa-test");
    });

    @ParameterizedTest
    @ValueSource(strings = {"MAIL FROM:<a@example.com>", "RCPT TO:<b@example.com>", "DATA", "VRFY postmaster",
        "EXPN staff", "AUTH PLAIN AGFAYg==", "XYZZY unknown command"})
    void commandsBeforeStartTlsGet530(String command) throws Exception {
        try (SmtpClient client = greetedAndEhlo()) {
            Reply reply = client.send(command);
            assertThat(reply.toString()).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
        }
    }

    /** James's own answers (it does not implement HELP: 502), never our 530. */
    @ParameterizedTest
    @CsvSource({"NOOP,250", "RSET,250", "HELO client.example,250", "HELP,502", "QUIT,221"})
    void rfc3207CommandsGetJamesOwnAnswerBeforeStartTls(String command, String jamesAnswer) throws Exception {
        try (SmtpClient client = greetedAndEhlo()) {
            assertThat(client.send(command).code()).isEqualTo(jamesAnswer);
        }
    }

    @Test
    void ehloOffersStartTlsButNotAuthBeforeTls() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.4", JAMES.port())) {
            assertThat(client.read().code()).isEqualTo("220");
            Reply ehlo = client.send("EHLO client.example");
            assertThat(ehlo.has("STARTTLS")).as(ehlo.toString()).isTrue();
            assertThat(ehlo.has("AUTH")).as(ehlo.toString()).isFalse();
        }
    }

    @Test
    void afterRealHandshakeTheSessionProceeds() throws Exception {
        try (SmtpClient client = greetedAndEhlo()) {
            assertThat(client.send("STARTTLS").code()).isEqualTo("220");
            SSLSocket tls = client.startTls(TrustAllCertificates.socketFactory());

            assertThat(tls.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            X509Certificate served = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            assertThat(served).isEqualTo(keystoreCertificate);

            Reply ehlo = client.send("EHLO client.example");
            assertThat(ehlo.code()).isEqualTo("250");
            assertThat(ehlo.has("AUTH")).as(ehlo.toString()).isTrue();
            assertThat(client.send("MAIL FROM:<sender@example.com>").code()).isEqualTo("250");
            assertThat(client.send("RSET").code()).isEqualTo("250");
            assertThat(client.send("QUIT").code()).isEqualTo("221");
        }
    }

    @Test
    void commandsPipelinedBehindStartTlsAreNotExecuted() throws Exception {
        try (SmtpClient client = greetedAndEhlo()) {
            client.write("STARTTLS\r\nMAIL FROM:<injected@example.com>\r\n");
            Reply reply = client.read();
            if (!reply.code().equals("220")) {
                // James 3.8.1 detects the injection (CVE-2021-38542 fix): 451 and the connection is closed,
                // so the injected command can run neither in plaintext nor inside TLS.
                assertThat(reply.code()).isEqualTo("451");
                assertThat(client.closedByServer()).isTrue();
                return;
            }
            try {
                client.startTls(TrustAllCertificates.socketFactory());
            } catch (java.io.IOException refusedHandshake) {
                return; // closing on injection is as good as discarding it
            }
            // The injected MAIL must not have been executed inside the TLS session: a fresh MAIL is accepted
            // (a second MAIL in one transaction would get 503) and no reply to the injected one is waiting.
            assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
            assertThat(client.send("MAIL FROM:<real@example.com>").code()).isEqualTo("250");
        }
        assertThat(JAMES.log()).doesNotContain("injected@example.com");
    }

    /** The refused command is client text: in James's real log it is escaped and cut, one line per refusal. */
    @Test
    void refusedCommandReachesTheLogEscapedAndCut() throws Exception {
        long offset = java.nio.file.Files.size(JAMES.process().logFile());
        try (SmtpClient client = greetedAndEhlo("127.0.0.6")) {
            // trim() in James drops control characters at the ends: these sit inside the command word.
            assertThat(client.send("X\u001b[31mFAKE\rINFO\u001b[0m forged").code()).isEqualTo("530");
        }
        try (SmtpClient client = greetedAndEhlo("127.0.0.7")) {
            assertThat(client.send("Y".repeat(4000)).code()).isEqualTo("530");
        }

        String logged = awaitLogFrom(offset, "from 127.0.0.7 before STARTTLS");
        assertThat(logged).contains("Refused X\\x1b[31MFAKE\\rINFO\\x1b[0M from 127.0.0.6 before STARTTLS")
            .contains("Refused " + "Y".repeat(40) + "...(4000 chars) from 127.0.0.7 before STARTTLS")
            .doesNotContain("\u001b").doesNotContain("Y".repeat(41));
        assertThat(logged.split("\n", -1)).as("no bare CR inside a line").noneMatch(line -> line.contains("\r"))
            .filteredOn(line -> line.contains("TlsOnlyHandler")).hasSize(2).allMatch(line -> line.length() < 200);
    }

    private String awaitLogFrom(long offset, String text) throws Exception {
        for (int i = 0; i < 50 && !JAMES.logFrom(offset).contains(text); i++) {
            Thread.sleep(100);
        }
        return JAMES.logFrom(offset);
    }

    @Test
    void tlsOnlyWithoutTlsOnTheServerStopsJamesFromStarting(@TempDir Path otherHome) throws Exception {
        SmtpServerXml.writeInto(otherHome, SmtpServerXml.of(FreePorts.next(), SmtpServerXml.noTls(), TLS_ONLY));

        String log = JamesServerProcess.startExpectingFailure(otherHome);

        assertThat(log).contains("org.imsajames.smtp.TlsOnlyHandler is configured on SMTP server")
            .contains("has no TLS");
    }

    private SmtpClient greetedAndEhlo() throws Exception {
        return greetedAndEhlo("127.0.0.5");
    }

    private SmtpClient greetedAndEhlo(String source) throws Exception {
        SmtpClient client = SmtpClient.connect(source, JAMES.port());
        assertThat(client.read().code()).isEqualTo("220");
        assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
        return client;
    }
}
