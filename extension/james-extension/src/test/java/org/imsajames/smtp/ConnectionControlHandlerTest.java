package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.ProxyInformation;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionControlHandlerTest {
    @TempDir
    Path conf;
    RecordingMetricFactory metrics;
    ConnectionControlHandler handler;

    @BeforeEach
    void setUp() {
        metrics = new RecordingMetricFactory();
        handler = new ConnectionControlHandler(new TestFileSystem(conf), metrics);
    }

    @AfterEach
    void tearDown() {
        handler.destroy();
    }

    @Test
    void refusesListedClientWith554AndEndsTheSession() throws Exception {
        handler.init(config("accept-all-except", "192.168.2.0:255.255.255.0"));

        Response response = handler.onConnect(FakeSessions.from("192.168.2.77", false));

        assertThat(response.getRetCode()).isEqualTo("554");
        assertThat(response.getLines()).containsExactly("554 5.7.1 Connection refused by policy");
        assertThat(response.isEndSession()).isTrue();
        assertThat(metrics.countFor("imsa.connectionControl.refused")).isEqualTo(1);
    }

    @Test
    void acceptedClientGetsANonNullResponseThatWritesNothing() throws Exception {
        handler.init(config("accept-all-except", "192.168.2.0:255.255.255.0"));

        Response response = handler.onConnect(FakeSessions.from("192.168.3.1", false));

        // null would make James 3.8.1's JMX statistics answer 451 to every client
        assertThat(response).isNotNull();
        assertThat(response.getLines()).isEmpty();
        assertThat(response.isEndSession()).isFalse();
        assertThat(metrics.countFor("imsa.connectionControl.accepted")).isEqualTo(1);
    }

    @Test
    void permitListRefusesEveryoneNotListed() throws Exception {
        handler.init(config("deny-all-except", "10.1.0.0/16", "2001:db8::/32"));

        assertThat(handler.onConnect(FakeSessions.from("10.1.200.3", false)).isEndSession()).isFalse();
        assertThat(handler.onConnect(FakeSessions.from("2001:db8:ffff::1", false)).isEndSession()).isFalse();
        assertThat(handler.onConnect(FakeSessions.from("::ffff:10.1.0.9", false)).isEndSession()).isFalse();
        assertThat(handler.onConnect(FakeSessions.from("10.2.0.1", false)).getRetCode()).isEqualTo("554");
        assertThat(handler.onConnect(FakeSessions.from("2001:db9::1", false)).getRetCode()).isEqualTo("554");
    }

    @Test
    void behindAProxyTheDecisionWaitsForTheFirstCommandAndUsesTheProxiedAddress() throws Exception {
        BaseHierarchicalConfiguration config = config("accept-all-except", "192.0.2.0/24");
        config.addProperty("trustedProxy", "127.0.0.1");
        handler.init(config);
        SMTPSession session = FakeSessions.from("127.0.0.1", false, true);

        assertThat(handler.onConnect(session).getLines()).as("no decision on the proxy's own address").isEmpty();
        session.setProxyInformation(new ProxyInformation(new InetSocketAddress("192.0.2.7", 5000),
            new InetSocketAddress("127.0.0.1", 25)));

        assertThat(handler.onCommand(session, new BaseRequest("EHLO", "client.example")).getLines())
            .containsExactly("554 5.7.1 Connection refused by policy");
    }

    @Test
    void behindAProxyAnAcceptedClientIsDecidedOnceAndThenLeftAlone() throws Exception {
        BaseHierarchicalConfiguration config = config("accept-all-except", "192.0.2.0/24");
        config.addProperty("trustedProxy", "127.0.0.1");
        handler.init(config);
        SMTPSession session = FakeSessions.from("127.0.0.1", false, true);
        handler.onConnect(session);
        session.setProxyInformation(new ProxyInformation(new InetSocketAddress("198.51.100.7", 5000),
            new InetSocketAddress("127.0.0.1", 25)));

        assertThat(handler.onCommand(session, new BaseRequest("EHLO", "client.example"))).isNull();
        assertThat(handler.onCommand(session, new BaseRequest("MAIL", "FROM:<a@b>"))).isNull();
        assertThat(metrics.countFor("imsa.connectionControl.accepted")).isEqualTo(1);
    }

    @Test
    void withoutAProxyCommandsAreNotDecidedAgain() throws Exception {
        handler.init(config("accept-all-except", "192.0.2.0/24"));
        SMTPSession session = FakeSessions.from("198.51.100.7", false);
        handler.onConnect(session);

        assertThat(handler.onCommand(session, new BaseRequest("EHLO", "client.example"))).isNull();
        assertThat(metrics.countFor("imsa.connectionControl.accepted")).isEqualTo(1);
    }

    @Test
    void readsTheListFileThroughJamesFileSystem() throws Exception {
        Files.writeString(conf.resolve("imsa.list"), "# deny\n172.16.0.0:255.240.0.0\n");
        BaseHierarchicalConfiguration config = config("accept-all-except");
        config.addProperty("listFile", "file://conf/imsa.list");
        handler.init(config);

        assertThat(handler.onConnect(FakeSessions.from("172.31.255.255", false)).getRetCode()).isEqualTo("554");
        assertThat(handler.onConnect(FakeSessions.from("172.32.0.0", false)).isEndSession()).isFalse();
    }

    @Test
    void badListFileLineIsAConfigurationErrorNamingFileLineAndEntry() throws Exception {
        Files.writeString(conf.resolve("imsa.list"), "10.0.0.1\n\n10.0.0.0:255.0.255.0\n");
        BaseHierarchicalConfiguration config = config("accept-all-except");
        config.addProperty("listFile", "file://conf/imsa.list");

        assertThatThrownBy(() -> handler.init(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("imsa.list:3")
            .hasMessageContaining("10.0.0.0:255.0.255.0");
    }

    @Test
    void missingListFileIsAConfigurationError() {
        BaseHierarchicalConfiguration config = config("deny-all-except");
        config.addProperty("listFile", "file://conf/nowhere.list");

        assertThatThrownBy(() -> handler.init(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("file://conf/nowhere.list");
    }

    @Test
    void badInlineEntryIsAConfigurationErrorNamingTheEntry() {
        assertThatThrownBy(() -> handler.init(config("accept-all-except", "192.168.1.300")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("192.168.1.300");
    }

    @Test
    void missingOrUnknownPolicyIsAConfigurationError() {
        BaseHierarchicalConfiguration noPolicy = new BaseHierarchicalConfiguration();
        noPolicy.addProperty("entry", "10.0.0.1");

        assertThatThrownBy(() -> handler.init(noPolicy)).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<policy>");
        assertThatThrownBy(() -> handler.init(config("allow-some")))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("allow-some");
    }

    @Test
    void aReloadSwapsThePolicyThatDecidesModeAndEntriesTogether() throws Exception {
        Path list = conf.resolve("imsa.list");
        Files.writeString(list, "#! policy accept-all-except\n127.0.20.0/24\n");
        handler.init(watched());
        assertThat(handler.onConnect(FakeSessions.from("127.0.20.5", false)).getRetCode()).isEqualTo("554");
        assertThat(handler.onConnect(FakeSessions.from("127.0.22.5", false)).isEndSession()).isFalse();

        Path next = conf.resolve("imsa.list.tmp");
        Files.writeString(next, "#! policy deny-all-except\n#! entries 1\n127.0.22.0/24\n");
        Files.move(next, list, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        handler.watcher().check();
        handler.watcher().check();

        assertThat(handler.onConnect(FakeSessions.from("127.0.20.5", false)).getRetCode()).isEqualTo("554");
        assertThat(handler.onConnect(FakeSessions.from("127.0.22.5", false)).isEndSession()).isFalse();
        assertThat(handler.onConnect(FakeSessions.from("127.0.21.5", false)).getRetCode()).isEqualTo("554");
        assertThat(metrics.countFor("imsa.connectionControl.reloads")).isEqualTo(1);
    }

    @Test
    void destroyStopsTheWatcherThread() throws Exception {
        Files.writeString(conf.resolve("imsa.list"), "#! policy accept-all-except\n");
        handler.init(watched());
        String name = handler.watcher().threadName();
        assertThat(name).startsWith("imsa-watch-").contains("/imsa.list#");
        assertThat(watcherThreadAlive(name)).isTrue();

        handler.destroy();

        assertThat(watcherThreadAlive(name)).isFalse();
    }

    @Test
    void theModeInBothSmtpserverXmlAndTheListFileStopsJames() throws Exception {
        Files.writeString(conf.resolve("imsa.list"), "#! policy deny-all-except\n");
        BaseHierarchicalConfiguration config = config("accept-all-except");
        config.addProperty("listFile", "file://conf/imsa.list");

        assertThatThrownBy(() -> handler.init(config)).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("imsa.list:1: says '#! policy deny-all-except' but smtpserver.xml has <policy>");
    }

    /** The list file carries the mode; polled by the tests themselves (the interval is far too long to fire). */
    private static BaseHierarchicalConfiguration watched() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("listFile", "file://conf/imsa.list");
        config.addProperty("watchIntervalMillis", "3600000");
        return config;
    }

    private static boolean watcherThreadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(thread -> thread.getName().equals(name) && thread.isAlive());
    }

    private static BaseHierarchicalConfiguration config(String policy, String... entries) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("policy", policy);
        for (String entry : entries) {
            config.addProperty("entry", entry);
        }
        return config;
    }
}
