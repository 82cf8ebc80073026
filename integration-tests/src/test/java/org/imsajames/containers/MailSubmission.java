package org.imsajames.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.imsajames.testkit.SmtpClient;

/** One message sent over SMTP, every step accepted. */
final class MailSubmission {

    static final String SENDER_DOMAIN = "example.org";
    static final String SENDER = "sender@" + SENDER_DOMAIN;

    private MailSubmission() {
    }

    /** A whole plaintext session from {@code source} to the SMTP server on loopback {@code port}. */
    static void send(String source, int port, String recipient, String subject) throws IOException {
        try (SmtpClient client = SmtpClient.connect(source, port)) {
            assertThat(client.read().code()).as("greeting for %s", source).isEqualTo("220");
            assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
            submit(client, recipient, subject);
            assertThat(client.send("QUIT").code()).isEqualTo("221");
        }
    }

    /** MAIL, RCPT, DATA in a session that has said EHLO. */
    static void submit(SmtpClient client, String recipient, String subject) throws IOException {
        assertThat(client.send("MAIL FROM:<" + SENDER + ">").toString()).startsWith("250");
        assertThat(client.send("RCPT TO:<" + recipient + ">").toString()).startsWith("250");
        assertThat(client.send("DATA").toString()).startsWith("354");
        assertThat(client.send(String.join("\r\n",
                "From: " + SENDER,
                "To: " + recipient,
                "Subject: " + subject,
                "",
                "Sent by an imsa-james container test.",
                ".")).toString()).startsWith("250");
    }
}
