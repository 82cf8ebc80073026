package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.handler.UnknownCommandHandler;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.junit.jupiter.api.Test;

class TlsOnlyHandlerTest {
    private static final String TLS_ONLY = "<handler class=\"org.imsajames.smtp.TlsOnlyHandler\"/>";
    private static final String STARTTLS = "<tls startTLS=\"true\"><keystore>file://conf/k.p12</keystore></tls>";

    @Test
    void guardsEveryCommandButTheRfc3207Ones() {
        TlsOnlyHandler handler = new TlsOnlyHandler(provider(server(STARTTLS, TLS_ONLY)));

        assertThat(handler.getImplCommands())
            .contains("MAIL", "RCPT", "DATA", "AUTH", "VRFY", "EXPN", UnknownCommandHandler.COMMAND_IDENTIFIER)
            .doesNotContain("EHLO", "HELO", "STARTTLS", "NOOP", "RSET", "QUIT", "HELP");
    }

    @Test
    void answers530BeforeTlsAndDeclinesAfter() throws Exception {
        TlsOnlyHandler handler = new TlsOnlyHandler(provider(server(STARTTLS, TLS_ONLY)));

        assertThat(handler.onCommand(FakeSessions.from("127.0.0.9", false), new BaseRequest("MAIL", "FROM:<a@b>")).getLines())
            .containsExactly("530 5.7.0 Must issue a STARTTLS command first");
        assertThat(handler.onCommand(FakeSessions.from("127.0.0.9", true), new BaseRequest("MAIL", "FROM:<a@b>")))
            .isNull();
    }

    @Test
    void refusesToStartOnAServerWithoutTls() {
        TlsOnlyHandler handler = new TlsOnlyHandler(provider(server("<tls startTLS=\"false\"/>", TLS_ONLY)));

        assertThatThrownBy(() -> handler.init(new BaseHierarchicalConfiguration()))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("has no TLS");
    }

    @Test
    void refusesToStartWhenStartTlsHasNoKeyMaterial() {
        TlsOnlyHandler handler = new TlsOnlyHandler(provider(server("<tls startTLS=\"true\"/>", TLS_ONLY)));

        // startTLS="true" alone is not TLS: without a keystore or privateKey every client would be refused.
        assertThatThrownBy(() -> handler.init(new BaseHierarchicalConfiguration()))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("org.imsajames.smtp.TlsOnlyHandler is configured on SMTP server '")
            .hasMessageContaining("which has no TLS (<tls startTLS=\"true\"> with a keystore or privateKey)")
            .hasMessageContaining("refusing to start");
    }

    @Test
    void startsWhenEveryServerUsingItHasTls() {
        String other = "<smtpserver><jmxName>plain</jmxName><tls startTLS=\"false\"/><handlerchain>"
            + "<handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/></handlerchain></smtpserver>";
        TlsOnlyHandler handler = new TlsOnlyHandler(provider(server(STARTTLS, TLS_ONLY) + other));

        assertThatCode(() -> handler.init(new BaseHierarchicalConfiguration())).doesNotThrowAnyException();
    }

    private static String server(String tls, String handlers) {
        return "<smtpserver><jmxName>imsa</jmxName>" + tls + "<handlerchain>" + handlers
            + "<handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/></handlerchain></smtpserver>";
    }

    private static ConfigurationProvider provider(String servers) {
        return (name, level) -> {
            XMLConfiguration config = new XMLConfiguration();
            new FileHandler(config).load(new StringReader("<smtpservers>" + servers + "</smtpservers>"));
            return config;
        };
    }
}
