package org.imsajames.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.imsajames.james.SmtpAssertions;
import org.imsajames.testkit.JamesExtension;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.SmtpServerXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ConnectionsPerIpHandler inside a real James: the connection over the limit is told 421, not dropped. */
class ConnectionsPerIpInJamesTest {
    @RegisterExtension
    static final JamesExtension JAMES = JamesExtension.withConf((home, port) -> {
        SmtpServerXml.writeInto(home, SmtpServerXml.of(port, SmtpServerXml.noTls(),
            "<handler class=\"org.imsajames.smtp.ConnectionControlHandler\">"
                + "<policy>accept-all-except</policy><entry>127.0.9.9</entry></handler>"
                + "<handler class=\"org.imsajames.smtp.ConnectionsPerIpHandler\">"
                + "<maxConnectionsPerIp>2</maxConnectionsPerIp></handler>"));
    });

    final JamesServerProcess james = JAMES.process();
    final int port = JAMES.port();

    @Test
    void connectionOverTheLimitGets421AndASlotFreesOnDisconnect() throws Exception {
        try (SmtpClient first = greeted("127.0.9.1"); SmtpClient second = greeted("127.0.9.1")) {
            try (SmtpClient third = SmtpClient.connect("127.0.9.1", port)) {
                assertThat(third.read().toString())
                    .isEqualTo("421 4.7.0 Too many connections from your address, try again later");
                assertThat(third.closedByServer()).isTrue();
            }
            greeted("127.0.9.2").close();

            assertThat(first.send("QUIT").code()).isEqualTo("221");
            awaitGreeting("127.0.9.1");
            assertThat(second.send("NOOP").code()).isEqualTo("250");
        }
    }

    @Test
    void clientRefusedByPolicyStillGets554() throws Exception {
        SmtpAssertions.assertRefused("127.0.9.9", port);
        SmtpAssertions.assertRefused("127.0.9.9", port);
        SmtpAssertions.assertRefused("127.0.9.9", port);
    }

    private SmtpClient greeted(String source) throws Exception {
        SmtpClient client = SmtpClient.connect(source, port);
        assertThat(client.read().code()).isEqualTo("220");
        return client;
    }

    /** The freed slot is given back when James sees the close, which may take a moment after QUIT. */
    private void awaitGreeting(String source) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (SmtpClient client = SmtpClient.connect(source, port)) {
                if (client.read().code().equals("220")) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no slot freed for " + source);
    }
}
