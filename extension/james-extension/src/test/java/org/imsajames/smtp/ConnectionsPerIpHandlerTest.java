package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionsPerIpHandlerTest {
    ConnectionsPerIpHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        handler = new ConnectionsPerIpHandler();
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("maxConnectionsPerIp", 2);
        handler.init(config);
    }

    @Test
    void theConnectionOverTheLimitGets421AndIsClosed() throws Exception {
        SMTPSession first = FakeSessions.from("10.0.0.1", false);
        SMTPSession second = FakeSessions.from("10.0.0.1", false);
        SMTPSession third = FakeSessions.from("10.0.0.1", false);

        assertThat(handler.onConnect(first).isEndSession()).isFalse();
        assertThat(handler.onConnect(second).isEndSession()).isFalse();
        assertThat(handler.onConnect(third).getLines())
            .containsExactly("421 4.7.0 Too many connections from your address, try again later");
        assertThat(handler.onConnect(FakeSessions.from("10.0.0.2", false)).isEndSession()).isFalse();
    }

    @Test
    void everyDisconnectGivesBackItsSlotRefusedOnesIncluded() throws Exception {
        SMTPSession first = FakeSessions.from("10.0.0.1", false);
        SMTPSession second = FakeSessions.from("10.0.0.1", false);
        SMTPSession refused = FakeSessions.from("10.0.0.1", false);
        handler.onConnect(first);
        handler.onConnect(second);
        handler.onConnect(refused);

        handler.onDisconnect(refused);
        handler.onDisconnect(first);

        assertThat(handler.openConnections(InetAddress.getByName("10.0.0.1"))).isEqualTo(1);
        assertThat(handler.onConnect(FakeSessions.from("10.0.0.1", false)).isEndSession()).isFalse();
        handler.onDisconnect(second);
    }

    @Test
    void disconnectOfASessionItNeverCountedChangesNothing() throws Exception {
        handler.onConnect(FakeSessions.from("10.0.0.1", false));

        handler.onDisconnect(FakeSessions.from("10.0.0.1", false));

        assertThat(handler.openConnections(InetAddress.getByName("10.0.0.1"))).isEqualTo(1);
    }

    @Test
    void limitBelowOneIsAConfigurationError() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("maxConnectionsPerIp", 0);

        assertThatThrownBy(() -> new ConnectionsPerIpHandler().init(config))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("maxConnectionsPerIp");
    }
}
