package org.imsajames.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

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
        MailSubmission.send(source, port, RECIPIENT, "accepted connection from " + source);
        assertThat(webAdmin.awaitInboxCount(RECIPIENT, 1)).as("messages in %s's INBOX", RECIPIENT).isEqualTo(1);
    }
}
