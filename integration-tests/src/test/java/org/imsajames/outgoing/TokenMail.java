package org.imsajames.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.UUID;

import org.imsajames.testkit.SmtpClient;

/** One message submitted to James from 127.0.0.9, marked with a token in its subject so a receiver can find it. */
final class TokenMail {
    private TokenMail() {
    }

    /** Submits one message from SENDER to the recipients; returns the token in its subject. */
    static String send(int port, String sender, String... recipients) throws IOException {
        String token = "t-" + UUID.randomUUID();
        try (SmtpClient client = SmtpClient.connect("127.0.0.9", port)) {
            assertThat(client.read().code()).isEqualTo("220");
            assertThat(client.send("EHLO client.test").code()).isEqualTo("250");
            assertThat(client.send("MAIL FROM:<" + sender + ">").code()).isEqualTo("250");
            for (String recipient : recipients) {
                assertThat(client.send("RCPT TO:<" + recipient + ">").code()).as(recipient).isEqualTo("250");
            }
            assertThat(client.send("DATA").code()).isEqualTo("354");
            assertThat(client.send("From: <" + sender + ">\r\nSubject: " + token + "\r\nMessage-ID: <" + token
                    + "@sender.test>\r\n\r\nbody of " + token + "\r\n.").code()).isEqualTo("250");
            client.send("QUIT");
        }
        return token;
    }
}
