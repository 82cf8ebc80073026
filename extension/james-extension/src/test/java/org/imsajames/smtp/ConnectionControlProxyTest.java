package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.ProxyInformation;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trusted proxies, and commands claimed only on a server that expects a PROXY header. */
class ConnectionControlProxyTest {
    private static final String HANDLER_CLASS = ConnectionControlHandler.class.getName();

    @TempDir
    Path conf;
    RecordingMetricFactory metrics = new RecordingMetricFactory();
    ConnectionControlHandler handler;

    @AfterEach
    void tearDown() {
        if (handler != null) {
            handler.destroy();
        }
    }

    @Test
    void claimsNoCommandOnAServerWithoutProxyRequired() throws Exception {
        String xml = server("plain", "", handler("<entry>192.0.2.0/24</entry>"));

        start(xml, 0);

        assertThat(handler.getImplCommands()).isEmpty();
    }

    @Test
    void claimsEveryCommandOnAProxyRequiredServer() throws Exception {
        String xml = server("proxied", "<proxyRequired>true</proxyRequired>",
            handler("<entry>192.0.2.0/24</entry><trustedProxy>127.0.0.1</trustedProxy>"));

        start(xml, 0);

        assertThat(handler.getImplCommands()).containsExactlyElementsOf(ConnectionControlHandler.EVERY_COMMAND);
    }

    @Test
    void findsItsOwnServerAmongSeveral() throws Exception {
        String xml = server("proxied", "<proxyRequired>true</proxyRequired>",
                handler("<entry>192.0.2.0/24</entry><trustedProxy>127.0.0.1</trustedProxy>"))
            + server("plain", "", handler("<entry>192.0.2.0/24</entry>"));

        start(xml, 1);

        assertThat(handler.getImplCommands()).as("the plain server's handler").isEmpty();
    }

    @Test
    void aProxiedSessionOnAServerStartedWithoutProxyRequiredIsRefusedNotLeftUndecided() throws Exception {
        start(server("plain", "", handler("<trustedProxy>127.0.0.1</trustedProxy>")), 0);

        assertThat(handler.onConnect(FakeSessions.from("127.0.0.1", false, true)).getRetCode()).isEqualTo("554");
    }

    @Test
    void refusesToStartOnAProxyRequiredServerWithoutTrustedProxies() {
        String xml = server("proxied", "<proxyRequired>true</proxyRequired>", handler("<entry>192.0.2.0/24</entry>"));

        assertThatThrownBy(() -> start(xml, 0))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("SMTP server 'proxied'")
            .hasMessageContaining("<proxyRequired>true</proxyRequired> but no <trustedProxy>");
    }

    @Test
    void anInvalidTrustedProxyIsAConfigurationError() {
        String xml = server("proxied", "<proxyRequired>true</proxyRequired>",
            handler("<trustedProxy>proxy.example.com</trustedProxy>"));

        assertThatThrownBy(() -> start(xml, 0))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("<trustedProxy>: 'proxy.example.com' is a host name");
    }

    @Test
    void aPeerThatIsNotATrustedProxyIsRefusedAtConnect() throws Exception {
        start(server("proxied", "<proxyRequired>true</proxyRequired>",
            handler("<policy>accept-all-except</policy><trustedProxy>10.0.0.0:255.255.255.0</trustedProxy>")), 0);

        assertThat(handler.onConnect(FakeSessions.from("10.0.1.9", false, true)).getLines())
            .containsExactly("554 5.7.1 Connection refused by policy");
        assertThat(handler.onConnect(FakeSessions.from("10.0.0.9", false, true)).getLines())
            .as("a trusted proxy: the decision waits for its header").isEmpty();
        assertThat(metrics.countFor("imsa.connectionControl.refused")).isEqualTo(1);
    }

    @Test
    void aTrustedProxysClientIsDecidedOnTheHeadersAddress() throws Exception {
        start(server("proxied", "<proxyRequired>true</proxyRequired>",
            handler("<entry>192.0.2.0/24</entry><trustedProxy>127.0.0.1</trustedProxy>")), 0);
        SMTPSession refusedClient = FakeSessions.from("127.0.0.1", false, true);
        SMTPSession acceptedClient = FakeSessions.from("127.0.0.1", false, true);

        handler.onConnect(refusedClient);
        handler.onConnect(acceptedClient);
        refusedClient.setProxyInformation(new ProxyInformation(new InetSocketAddress("192.0.2.7", 5000),
            new InetSocketAddress("127.0.0.1", 25)));
        acceptedClient.setProxyInformation(new ProxyInformation(new InetSocketAddress("198.51.100.7", 5000),
            new InetSocketAddress("127.0.0.1", 25)));

        assertThat(handler.onCommand(refusedClient, new BaseRequest("EHLO", "x")).getRetCode()).isEqualTo("554");
        assertThat(handler.onCommand(acceptedClient, new BaseRequest("EHLO", "x"))).isNull();
    }

    @Test
    void trustedProxiesMatchLikeEntries() throws Exception {
        XMLConfiguration config = xml("<handler><trustedProxy>10.1.0.0/16</trustedProxy>"
            + "<trustedProxy>2001:db8::1</trustedProxy></handler>");
        TrustedProxies proxies = TrustedProxies.fromConfiguration(config);

        assertThat(proxies.trusts(InetAddress.getByName("10.1.200.3"))).isTrue();
        assertThat(proxies.trusts(InetAddress.getByName("::ffff:10.1.0.1"))).isTrue();
        assertThat(proxies.trusts(InetAddress.getByName("2001:db8::1"))).isTrue();
        assertThat(proxies.trusts(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(proxies.trusts(InetAddress.getByName("2001:db8::2"))).isFalse();
        assertThat(TrustedProxies.NONE.trusts(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    /** Starts a handler as James would: its own element of server number index, the whole file behind it. */
    private void start(String servers, int index) throws Exception {
        ConfigurationProvider provider = (name, level) -> xml("<smtpservers>" + servers + "</smtpservers>");
        HierarchicalConfiguration<ImmutableNode> own = xml("<smtpservers>" + servers + "</smtpservers>")
            .configurationsAt("smtpserver").get(index).configurationsAt("handlerchain.handler").get(0);
        handler = new ConnectionControlHandler(new TestFileSystem(conf), metrics, new NoopGaugeRegistry(), provider);
        handler.init(own);
    }

    private static String server(String name, String settings, String handlers) {
        return "<smtpserver><jmxName>" + name + "</jmxName>" + settings + "<handlerchain>" + handlers
            + "<handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/></handlerchain></smtpserver>";
    }

    private static String handler(String content) {
        String policy = content.contains("<policy>") ? "" : "<policy>accept-all-except</policy>";
        return "<handler class=\"" + HANDLER_CLASS + "\">" + policy + content + "</handler>";
    }

    private static XMLConfiguration xml(String text) throws ConfigurationException {
        XMLConfiguration config = new XMLConfiguration();
        new FileHandler(config).load(new StringReader(text));
        return config;
    }
}
