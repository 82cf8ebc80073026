package org.imsajames.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLSocket;

import org.imsajames.james.SmtpClient;
import org.imsajames.james.SmtpServerXml;
import org.imsajames.james.TestKeystores;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** IMSA "Only accept SMTP connection by TLS" in the James image, STARTTLS from a PKCS12 keystore in conf/. */
@Testcontainers
class TlsOnlyContainerTest {

    private static final String SECRET = "test-keystore-secret";
    private static final JamesConfFolder CONF = tlsOnlyConf();

    @Container
    private static final JamesContainer JAMES = new JamesContainer(CONF.dir());

    private static JamesConfFolder tlsOnlyConf() {
        JamesConfFolder conf = JamesConfFolder.create("tls-only");
        try {
            TestKeystores.selfSigned(keystore(conf), SECRET);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the test keystore", e);
        }
        return conf.withSmtpServer(SmtpServerXml.startTls("keystore.p12", SECRET),
                "<handler class=\"org.imsajames.smtp.TlsOnlyHandler\"/>");
    }

    private static Path keystore(JamesConfFolder conf) {
        return conf.dir().resolve("keystore.p12");
    }

    @Test
    void mailBeforeStartTlsGets530() throws Exception {
        try (SmtpClient client = greeted()) {
            assertThat(client.send("MAIL FROM:<sender@example.org>").toString())
                    .isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
        }
    }

    @Test
    void afterStartTlsWithTheKeystoreCertificateTheSessionProceeds() throws Exception {
        try (SmtpClient client = greeted()) {
            assertThat(client.send("STARTTLS").code()).isEqualTo("220");
            SSLSocket tls = client.startTls(TestKeystores.trustingClient());

            X509Certificate served = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            assertThat(served).isEqualTo(TestKeystores.certificate(keystore(CONF), SECRET, TestKeystores.ALIAS));
            assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
            assertThat(client.send("MAIL FROM:<sender@example.org>").code()).isEqualTo("250");
            assertThat(client.send("QUIT").code()).isEqualTo("221");
        }
    }

    private static SmtpClient greeted() throws Exception {
        SmtpClient client = SmtpClient.connect("127.0.0.4", CONF.smtpPort());
        assertThat(client.read().code()).isEqualTo("220");
        assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
        return client;
    }
}
