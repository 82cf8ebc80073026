package org.imsajames.smtp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.server.core.configuration.ConfigurationProvider;

/**
 * Reads smtpserver.xml for what a handler cannot see in its own {@code <handler>} element: whether its server
 * expects a PROXY header ({@code <proxyRequired>}). James hands a handler only its element, so the handler's
 * server is found as the one whose element for this class has the same content.
 */
final class ProxyServerCheck {
    private static final String CLASS_ATTRIBUTE = "[@class]";

    private final List<HierarchicalConfiguration<ImmutableNode>> servers;

    ProxyServerCheck(ConfigurationProvider configurationProvider) throws ConfigurationException {
        this.servers = configurationProvider.getConfiguration("smtpserver").configurationsAt("smtpserver");
    }

    /**
     * Refuses to start when an enabled proxyRequired server runs this handler without a {@code <trustedProxy>}:
     * every client would be refused, or, were the list ignored, anyone could claim any address.
     */
    void requireTrustedProxiesWherever(String handlerClass) throws ConfigurationException {
        for (HierarchicalConfiguration<ImmutableNode> server : servers) {
            if (!enabled(server) || !proxyRequired(server)) {
                continue;
            }
            for (HierarchicalConfiguration<ImmutableNode> handler : handlers(server, handlerClass)) {
                if (handler.getList(String.class, TrustedProxies.TRUSTED_PROXY, List.of()).isEmpty()) {
                    throw new ConfigurationException(handlerClass + " on SMTP server '" + describe(server)
                        + "' has <proxyRequired>true</proxyRequired> but no <" + TrustedProxies.TRUSTED_PROXY
                        + ">: refusing to start; list the proxies (e.g. <" + TrustedProxies.TRUSTED_PROXY
                        + ">10.0.0.5</" + TrustedProxies.TRUSTED_PROXY + ">) whose PROXY header is to be believed");
                }
            }
        }
    }

    /**
     * Whether the server of the handler configured with {@code own} expects a PROXY header. When that cannot be
     * told (no server has this element, or identical elements sit on servers that differ), the answer is yes: a
     * wrong "no" would leave proxied clients undecided, a wrong "yes" only claims commands that are then declined.
     */
    boolean proxyRequiredFor(String handlerClass, Configuration own) {
        Map<String, List<Object>> ownContent = content(own);
        Boolean required = null;
        for (HierarchicalConfiguration<ImmutableNode> server : servers) {
            if (!enabled(server)) {
                continue;
            }
            for (HierarchicalConfiguration<ImmutableNode> handler : handlers(server, handlerClass)) {
                if (content(handler).equals(ownContent)) {
                    boolean thisOne = proxyRequired(server);
                    if (required != null && required != thisOne) {
                        return true;
                    }
                    required = thisOne;
                }
            }
        }
        return required == null || required;
    }

    private static List<HierarchicalConfiguration<ImmutableNode>> handlers(
            HierarchicalConfiguration<ImmutableNode> server, String handlerClass) {
        List<HierarchicalConfiguration<ImmutableNode>> found = new ArrayList<>();
        for (HierarchicalConfiguration<ImmutableNode> handler : server.configurationsAt("handlerchain.handler")) {
            if (handlerClass.equals(handler.getString(CLASS_ATTRIBUTE, "").trim())) {
                found.add(handler);
            }
        }
        return found;
    }

    /** Every key of an element but its class, with its values (trimmed, as the handler reads them). */
    private static Map<String, List<Object>> content(Configuration element) {
        Map<String, List<Object>> content = new TreeMap<>();
        for (Iterator<String> keys = element.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals(CLASS_ATTRIBUTE)) {
                List<Object> values = new ArrayList<>();
                element.getList(key).forEach(value -> values.add(String.valueOf(value).trim()));
                content.put(key, values);
            }
        }
        return content;
    }

    private static boolean enabled(HierarchicalConfiguration<ImmutableNode> server) {
        return server.getBoolean("[@enabled]", true);
    }

    private static boolean proxyRequired(HierarchicalConfiguration<ImmutableNode> server) {
        return server.getBoolean("proxyRequired", false);
    }

    private static String describe(HierarchicalConfiguration<ImmutableNode> server) {
        return server.getString("jmxName", server.getString("bind", "?"));
    }
}
