package org.imsajames.containers;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import org.testcontainers.lifecycle.Startables;

/**
 * Two James containers on host networking, both configured by the generator: a sender whose RemoteDelivery
 * relays everything to a gateway (IMSA "Enable Outgoing TLS"), and the destination it names as that gateway.
 * The destination hosts {@value #DOMAIN}; the sender does not, so mail to it is remote there. The sender
 * hosts the envelope sender's mailbox ({@link MailSubmission#SENDER}), so a bounce comes back where a test
 * can count it.
 */
final class RelayPair implements AutoCloseable {

    static final String DOMAIN = "remote.test";

    private final JamesConfFolder senderConf;
    private final JamesConfFolder destinationConf;
    private final JamesContainer sender;
    private final JamesContainer destination;
    private final JamesWebAdmin senderWebAdmin;
    private final JamesWebAdmin destinationWebAdmin;

    private RelayPair(JamesConfFolder senderConf, JamesConfFolder destinationConf) {
        this.senderConf = senderConf;
        this.destinationConf = destinationConf;
        this.sender = new JamesContainer(senderConf.dir());
        this.destination = new JamesContainer(destinationConf.dir());
        this.senderWebAdmin = new JamesWebAdmin(senderConf.webAdminPort());
        this.destinationWebAdmin = new JamesWebAdmin(destinationConf.webAdminPort());
    }

    /**
     * Generates both conf folders, starts both Jameses side by side and gives the destination a mailbox
     * for each of {@code users} (local parts, in {@value #DOMAIN}).
     */
    static RelayPair start(ImsaSettingsFile senderSettings, ImsaSettingsFile destinationSettings, String... users)
            throws IOException, InterruptedException {
        RelayPair pair = new RelayPair(withMailboxes("sender").generatedFrom(senderSettings),
                withMailboxes("destination").generatedFrom(destinationSettings));
        try {
            Startables.deepStart(pair.sender, pair.destination).join();
        } catch (CompletionException e) {
            pair.close();
            throw e;
        }
        pair.senderWebAdmin.addDomain(MailSubmission.SENDER_DOMAIN);
        pair.senderWebAdmin.addUser(MailSubmission.SENDER, "sender-secret");
        pair.destinationWebAdmin.addDomain(DOMAIN);
        for (String user : users) {
            pair.destinationWebAdmin.addUser(address(user), user + "-secret");
        }
        return pair;
    }

    private static JamesConfFolder withMailboxes(String name) {
        return JamesConfFolder.create(name)
                .withWebAdmin()
                .withFile("usersrepository.xml", ConnectionControlScenarios.VIRTUAL_HOSTING);
    }

    static String address(String user) {
        return user + "@" + DOMAIN;
    }

    int senderSmtpPort() {
        return senderConf.smtpPort();
    }

    int destinationSmtpPort() {
        return destinationConf.smtpPort();
    }

    JamesContainer sender() {
        return sender;
    }

    JamesContainer destination() {
        return destination;
    }

    JamesWebAdmin senderWebAdmin() {
        return senderWebAdmin;
    }

    JamesWebAdmin destinationWebAdmin() {
        return destinationWebAdmin;
    }

    @Override
    public void close() {
        sender.stop();
        destination.stop();
    }
}
