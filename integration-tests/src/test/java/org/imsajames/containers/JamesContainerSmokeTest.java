package org.imsajames.containers;

import static org.assertj.core.api.Assertions.assertThat;

import org.imsajames.testkit.SmtpClient;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Stock James (our jar present, none of our handlers configured) runs and answers SMTP on loopback. */
@Testcontainers
class JamesContainerSmokeTest {

    private static final JamesConfFolder CONF = JamesConfFolder.create("smoke").withSmtpServer("");

    @Container
    private static final JamesContainer JAMES = new JamesContainer(CONF.dir());

    @Test
    void greetsWith220OnLoopback() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.1", CONF.smtpPort())) {
            assertThat(client.read().code()).isEqualTo("220");
            assertThat(client.send("EHLO smoke.test").code()).isEqualTo("250");
            assertThat(client.send("QUIT").code()).isEqualTo("221");
        }
    }

    @Test
    void ourJarIsInExtensionsJars() throws Exception {
        ExecResult listing = JAMES.execInContainer("ls", JamesContainer.EXTENSIONS_FOLDER);

        assertThat(listing.getStdout()).contains(JamesContainer.extensionJar().getFileName().toString());
    }

    @Test
    void everyServerButSmtpIsOff() {
        assertThat(JAMES.log())
                .contains("SMTP Service bound to", "IMAP Service disabled", "POP3 Service disabled",
                        "LMTP Service disabled", "Manage Sieve Service disabled")
                .doesNotContain("Web admin server started");
    }
}
