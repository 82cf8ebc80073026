package org.imsajames.containers;

import static org.assertj.core.api.Assertions.assertThat;

import org.imsajames.testkit.SmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IMSA "Enable Outgoing TLS", mode {@code opportunistic}: James relays to a second James that offers STARTTLS
 * (its certificate is signed by a CA the sender does not trust; opportunistic TLS takes it anyway).
 *
 * <p>How TLS is proven: James 3.8.1 records nothing about TLS in its Received header (ESMTP, ESMTPA or SMTP
 * only) and logs no STARTTLS at INFO. So the destination is TLS-only: it answers 530 to MAIL in plaintext,
 * and a message in its mailbox can only have come over TLS.
 */
class OpportunisticOutgoingTlsContainerTest {

    private static final String BOB = RelayPair.address("bob");

    private static RelayPair relay;

    @BeforeAll
    static void start() throws Exception {
        ImsaSettingsFile destination = ImsaSettingsFile.loopbackSmtp("tls-only-destination").incomingTls(true);
        ImsaSettingsFile sender = ImsaSettingsFile.loopbackSmtp("opportunistic-sender")
                .permitRelayFrom("127.0.0.0/8")
                .outgoingTlsThroughGateway("opportunistic", destination.port());
        relay = RelayPair.start(sender, destination, "bob");
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void destinationTakesNoMailInPlaintext() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.9", relay.destinationSmtpPort())) {
            assertThat(client.read().code()).isEqualTo("220");
            assertThat(client.send("EHLO client.example").has("STARTTLS")).isTrue();

            assertThat(client.send("MAIL FROM:<" + MailSubmission.SENDER + ">").toString())
                    .isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
        }
    }

    @Test
    void relaysToTheDestinationsMailboxOverTls() throws Exception {
        assertThat(relay.senderWebAdmin().hasDomain(RelayPair.DOMAIN)).as("the sender treats the domain as remote")
                .isFalse();

        MailSubmission.send("127.0.0.5", relay.senderSmtpPort(), BOB, "opportunistic outgoing TLS");

        assertThat(relay.destinationWebAdmin().awaitInboxCount(BOB, 1)).as("messages in %s's INBOX", BOB).isEqualTo(1);
        relay.sender().awaitLog(log -> log.contains("sent successfully to 127.0.0.1") && log.contains("for [" + BOB + "]"),
                "RemoteDelivery's report of the delivery");
        String destinationLog = relay.destination().awaitLog(
                log -> log.contains("Connection established from 127.0.0.1"), "the sender's connection");
        assertThat(destinationLog).as("TlsOnlyHandler's log of a plaintext command from the sender")
                .doesNotContain("from 127.0.0.1 before STARTTLS");
    }
}
