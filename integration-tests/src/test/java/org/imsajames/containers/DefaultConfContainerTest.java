package org.imsajames.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imsajames.james.SmtpAssertions.assertRefused;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.imsajames.testkit.SmtpClient;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Our jar in James's default configuration: the image's own conf folder and JMX on, and the image's own
 * smtpserver.xml with nothing added but ConnectionControlHandler first in its handler chain. Host
 * networking forces two changes: the SMTP servers listen on free loopback ports, JMX on a free port.
 *
 * <p>The trap this guards against: in James 3.8.1 with JMX on, a handler that answers nothing where James
 * expects an answer makes James reply 451 to every client.
 */
@Testcontainers
class DefaultConfContainerTest {

    private static final ImageSmtpServerXml SMTP_SERVERS = ImageSmtpServerXml.of(JamesContainer.configuredImage())
            .withFirstHandler("<handler class=\"org.imsajames.smtp.ConnectionControlHandler\">"
                    + "<policy>accept-all-except</policy><entry>127.0.0.2</entry></handler>");
    private static final JamesConfFolder CONF = JamesConfFolder.overImageDefaults("default-conf")
            .withJmxOnFreePort()
            .withSmtpServerXml(SMTP_SERVERS.xml(), SMTP_SERVERS.firstPort());
    /**
     * Every command our handler claims but STARTTLS, which this server does not offer: James 3.8.1 answers
     * it 500 and then takes the next command for an injection (451 and an ERROR), our handler or not.
     */
    private static final List<String> OTHER_COMMANDS = List.of("HELO client.example", "NOOP", "HELP",
            "VRFY postmaster", "EXPN staff", "XYZZY", "AUTH PLAIN AGFsaWNlAGFsaWNl", "RSET");
    private static final String GREETING = "(greeting)";
    private static final String MAIL = "MAIL FROM:<" + MailSubmission.SENDER + ">";
    private static final String RCPT = "RCPT TO:<someone@remote.example>";

    @Container
    private static final JamesContainer JAMES = new JamesContainer(CONF.dir());

    @Test
    void acceptedClientsGetJamesOwnAnswersAndNever451() throws Exception {
        for (String source : List.of("127.0.0.3", "127.0.0.4", "127.0.0.5")) {
            Map<String, String> replies = session(source);

            assertThat(replies).as("replies to %s", source)
                    .containsEntry(GREETING, "220")
                    .containsEntry("EHLO client.example", "250")
                    .containsEntry(MAIL, "250")
                    .containsEntry(RCPT, "250")
                    .containsEntry("DATA", "354")
                    .doesNotContainValue("451");
        }
    }

    @Test
    void listedClientIsRefusedBeforeAnyGreeting() throws Exception {
        assertRefused("127.0.0.2", CONF.smtpPort());
    }

    @Test
    void jmxIsOn() throws Exception {
        assertThat(JAMES.log()).contains("JMX server started");
        try (Socket jmx = new Socket()) {
            jmx.connect(new InetSocketAddress("127.0.0.1", CONF.jmxPort()), 5_000);
        }
    }

    @Test
    void logHasNoErrorAfterRefusedAndAcceptedClients() throws Exception {
        assertRefused("127.0.0.2", CONF.smtpPort());
        session("127.0.0.6");

        String log = JAMES.awaitLog(text -> text.contains("Connection closed for 127.0.0.6"), "the session's end");

        assertThat(log.lines().filter(line -> line.contains("ERROR")).collect(Collectors.toList())).isEmpty();
    }

    /**
     * The reply code to each command of one session: EHLO, the other commands, then MAIL, RCPT (a remote
     * domain: loopback clients may relay) and DATA. The data is never ended, so nothing is spooled for
     * delivery (which would look the remote domain up in DNS).
     */
    private static Map<String, String> session(String source) throws IOException {
        Map<String, String> replies = new LinkedHashMap<>();
        try (SmtpClient client = SmtpClient.connect(source, CONF.smtpPort())) {
            replies.put(GREETING, client.read().code());
            replies.put("EHLO client.example", client.send("EHLO client.example").code());
            for (String command : OTHER_COMMANDS) {
                replies.put(command, client.send(command).code());
            }
            for (String command : List.of(MAIL, RCPT, "DATA")) {
                replies.put(command, client.send(command).code());
            }
        }
        return replies;
    }
}
