package org.imsajames.containers;

import static org.imsajames.containers.ConnectionControlScenarios.assertDeliversToLocalMailbox;
import static org.imsajames.james.SmtpAssertions.assertRefused;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** IMSA "Accept all, except the following list" in the James image: listed sources are refused, others deliver. */
@Testcontainers
class DenyListContainerTest {

    private static final JamesConfFolder CONF = JamesConfFolder.create("deny-list")
            .withWebAdmin()
            .withFile("usersrepository.xml", ConnectionControlScenarios.VIRTUAL_HOSTING)
            .withSmtpServer("<handler class=\"org.imsajames.smtp.ConnectionControlHandler\">"
                    + "<policy>accept-all-except</policy>"
                    + "<entry>127.0.0.2</entry>"
                    + "</handler>");

    @Container
    private static final JamesContainer JAMES = new JamesContainer(CONF.dir());

    private static final JamesWebAdmin WEB_ADMIN = new JamesWebAdmin(CONF.webAdminPort());

    @BeforeAll
    static void createRecipient() throws Exception {
        ConnectionControlScenarios.createRecipient(WEB_ADMIN);
    }

    @Test
    void listedSourceIsRefusedBeforeAnyGreeting() throws Exception {
        assertRefused("127.0.0.2", CONF.smtpPort());
    }

    @Test
    void unlistedSourceIsGreetedAndDeliversToALocalMailbox() throws Exception {
        assertDeliversToLocalMailbox("127.0.0.3", CONF.smtpPort(), WEB_ADMIN);
    }

    @Test
    void refusalIsLoggedWithTheClientAddress() throws Exception {
        assertRefused("127.0.0.2", CONF.smtpPort());

        JAMES.awaitLog(log -> log.contains("Refused connection from 127.0.0.2"), "the refusal");
    }
}
