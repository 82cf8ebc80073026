package org.imsajames.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.imsajames.testkit.SmtpClient;

import org.imsajames.testkit.SmtpClient.Reply;

/** What a client on a given loopback source sees when it connects: refused before any greeting, or greeted. */
public final class SmtpAssertions {
    private SmtpAssertions() {
    }

    /** Exactly one line, {@code 554 5.7.1 ...}, then the server closes: no greeting, nothing else read. */
    public static void assertRefused(String source, int port) throws IOException {
        try (SmtpClient client = SmtpClient.connect(source, port)) {
            Reply reply = client.read();
            assertThat(reply.lines()).as("reply to %s", source).hasSize(1);
            assertThat(reply.lines().get(0)).startsWith("554 5.7.1 ");
            assertThat(client.closedByServer()).as("connection from %s closed after the 554, no greeting", source).isTrue();
        }
    }

    public static void assertGreeted(String source, int port) throws IOException {
        try (SmtpClient client = SmtpClient.connect(source, port)) {
            assertThat(client.read().code()).as("greeting for %s", source).isEqualTo("220");
            assertThat(client.send("QUIT").code()).isEqualTo("221");
        }
    }
}
