package org.imsajames.containers;

import static org.imsajames.containers.ConnectionControlScenarios.assertDeliversToLocalMailbox;
import static org.imsajames.james.SmtpAssertions.assertRefused;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * IMSA "Deny all, except the following list" in the James image, the list imported from a file in
 * conf/ as an operator deploys it: listed sources deliver, others are refused.
 */
@Testcontainers
class PermitListContainerTest {

    private static final JamesConfFolder CONF = JamesConfFolder.create("permit-list")
            .withWebAdmin()
            .withFile("usersrepository.xml", ConnectionControlScenarios.VIRTUAL_HOSTING)
            .withFile("permit.list", "# permitted senders\n127.0.0.2\n")
            .withSmtpServer("<handler class=\"org.imsajames.smtp.ConnectionControlHandler\">"
                    + "<policy>deny-all-except</policy>"
                    + "<listFile>file://conf/permit.list</listFile>"
                    + "</handler>");

    @Container
    private static final JamesContainer JAMES = new JamesContainer(CONF.dir());

    private static final JamesWebAdmin WEB_ADMIN = new JamesWebAdmin(CONF.webAdminPort());

    @BeforeAll
    static void createRecipient() throws Exception {
        ConnectionControlScenarios.createRecipient(WEB_ADMIN);
    }

    @Test
    void listedSourceIsGreetedAndDeliversToALocalMailbox() throws Exception {
        assertDeliversToLocalMailbox("127.0.0.2", CONF.smtpPort(), WEB_ADMIN);
    }

    @Test
    void unlistedSourceIsRefusedBeforeAnyGreeting() throws Exception {
        assertRefused("127.0.0.3", CONF.smtpPort());
    }
}
