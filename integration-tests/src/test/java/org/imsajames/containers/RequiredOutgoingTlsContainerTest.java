package org.imsajames.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.imsajames.testkit.SmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IMSA "Enable Outgoing TLS", mode {@code required}: to a destination that does not offer STARTTLS, James
 * never sends the message in clear; it retries, then bounces it to the sender.
 *
 * <p>The sender's conf is the generator's, from a template whose RemoteDelivery retries once after one
 * second (the bundled template: 3 retries over about 10 minutes). Where the message ends up is read from
 * mailboxes, not from WebAdmin's mail queue view: in James 3.8.1's memory server, reading a mail queue
 * through WebAdmin closes it (its dequeuing stops and its content is dropped).
 */
class RequiredOutgoingTlsContainerTest {

    private static final String CAROL = RelayPair.address("carol");
    private static final String DAVE = RelayPair.address("dave");
    private static final String SENDER_CONNECTS = "Connection established from 127.0.0.1";

    private static RelayPair relay;

    @BeforeAll
    static void start() throws Exception {
        ImsaSettingsFile destination = ImsaSettingsFile.loopbackSmtp("plaintext-destination");
        ImsaSettingsFile sender = ImsaSettingsFile.loopbackSmtp("required-sender")
                .permitRelayFrom("127.0.0.0/8")
                .outgoingTlsThroughGateway("required", destination.port())
                .remoteDeliveryRetriesOnceAfterOneSecond();
        relay = RelayPair.start(sender, destination, "carol", "dave");
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    /** The control: the destination takes mail in plaintext, so only the sender's policy can keep it out. */
    @Test
    void destinationOffersNoStartTlsAndTakesMailInPlaintext() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.0.9", relay.destinationSmtpPort())) {
            assertThat(client.read().code()).isEqualTo("220");
            assertThat(client.send("EHLO client.example").has("STARTTLS")).isFalse();
        }
        MailSubmission.send("127.0.0.9", relay.destinationSmtpPort(), DAVE, "plaintext is fine here");

        assertThat(relay.destinationWebAdmin().awaitInboxCount(DAVE, 1)).as("messages in %s's INBOX", DAVE).isEqualTo(1);
    }

    @Test
    void neverRelaysInPlaintextButRetriesThenBouncesToTheSender() throws Exception {
        assertThat(relay.senderWebAdmin().hasDomain(RelayPair.DOMAIN)).as("the sender treats the domain as remote")
                .isFalse();

        MailSubmission.send("127.0.0.5", relay.senderSmtpPort(), CAROL, "required outgoing TLS");

        assertThat(relay.senderWebAdmin().awaitInboxCount(MailSubmission.SENDER, 1))
                .as("the bounce in %s's INBOX", MailSubmission.SENDER).isEqualTo(1);
        String destinationLog = relay.destination().awaitLog(log -> occurrences(log, SENDER_CONNECTS) >= 2,
                "the sender's first attempt and its retry");
        assertThat(occurrences(destinationLog, SENDER_CONNECTS)).as("connections from the sender").isEqualTo(2);
        assertThat(relay.destinationWebAdmin().inboxCount(CAROL)).as("messages in %s's INBOX", CAROL).isZero();
        assertThat(relay.sender().log()).doesNotContain("sent successfully");
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
