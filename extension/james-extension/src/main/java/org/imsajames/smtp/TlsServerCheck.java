package org.imsajames.smtp;

import java.util.List;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.server.core.configuration.ConfigurationProvider;

/**
 * Checks smtpserver.xml: every enabled SMTP server whose handler chain names a given handler must offer TLS with
 * key material. A handler only sees its own {@code <handler>} element, so it reads the whole file to check.
 */
final class TlsServerCheck {
    private final ConfigurationProvider configurationProvider;

    TlsServerCheck(ConfigurationProvider configurationProvider) {
        this.configurationProvider = configurationProvider;
    }

    void requireTlsWherever(String handlerClass) throws ConfigurationException {
        HierarchicalConfiguration<ImmutableNode> servers = configurationProvider.getConfiguration("smtpserver");
        for (HierarchicalConfiguration<ImmutableNode> server : servers.configurationsAt("smtpserver")) {
            if (server.getBoolean("[@enabled]", true) && usesHandler(server, handlerClass) && !offersTls(server)) {
                throw new ConfigurationException(handlerClass + " is configured on SMTP server '"
                    + describe(server) + "', which has no TLS (<tls startTLS=\"true\"> with a keystore or privateKey): "
                    + "refusing to start, clients could only send in plaintext and would all be refused");
            }
        }
    }

    private static boolean usesHandler(HierarchicalConfiguration<ImmutableNode> server, String handlerClass) {
        List<String> classes = server.getList(String.class, "handlerchain.handler[@class]", List.of());
        return classes.stream().anyMatch(name -> handlerClass.equals(name.trim()));
    }

    private static boolean offersTls(HierarchicalConfiguration<ImmutableNode> server) {
        boolean enabled = server.getBoolean("tls[@startTLS]", false) || server.getBoolean("tls[@socketTLS]", false);
        boolean keyMaterial = server.getString("tls.keystore", null) != null
            || server.getString("tls.privateKey", null) != null;
        return enabled && keyMaterial;
    }

    private static String describe(HierarchicalConfiguration<ImmutableNode> server) {
        return server.getString("jmxName", server.getString("bind", "?"));
    }
}
