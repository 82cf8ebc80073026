package org.imsajames.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.imsajames.james.SmtpClient;
import org.imsajames.james.SmtpClient.Reply;

/** What a refused and an accepted client see, shared by the deny-list and permit-list suites. */
final class ConnectionControlScenarios {

    static final String DOMAIN = "imsa.test";
    static final String RECIPIENT = "alice@" + DOMAIN;
    /** usersrepository.xml: user names with a domain part, as in the official image's conf. */
    static final String VIRTUAL_HOSTING =
            "<usersrepository name=\"LocalUsers\"><enableVirtualHosting>true</enableVirtualHosting></usersrepository>\n";

    private ConnectionControlScenarios() {
    }

    /** A local mailbox to deliver to (needs {@link #VIRTUAL_HOSTING} and WebAdmin in the conf). */
    static void createRecipient(JamesWebAdmin webAdmin) throws IOException, InterruptedException {
        webAdmin.addDomain(DOMAIN);
        webAdmin.addUser(RECIPIENT, "alice-secret");
    }

    static void assertDeliversToLocalMailbox(String source, int port, JamesWebAdmin webAdmin)
            throws IOException, InterruptedException {
        try (SmtpClient client = SmtpClient.connect(source, port)) {
            assertThat(client.read().code()).as("greeting for %s", source).isEqualTo("220");
            assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
            assertThat(client.send("MAIL FROM:<sender@example.org>").code()).isEqualTo("250");
            assertThat(client.send("RCPT TO:<" + RECIPIENT + ">").code()).isEqualTo("250");
            assertThat(client.send("DATA").code()).isEqualTo("354");
            assertThat(client.send(String.join("\r\n",
                    "From: sender@example.org",
                    "To: " + RECIPIENT,
                    "Subject: accepted connection from " + source,
                    "",
                    "Delivered through a connection the policy accepts.",
                    ".")).code()).isEqualTo("250");
            assertThat(client.send("QUIT").code()).isEqualTo("221");
        }
        assertThat(webAdmin.awaitInboxCount(RECIPIENT, 1)).as("messages in %s's INBOX", RECIPIENT).isEqualTo(1);
    }
}
