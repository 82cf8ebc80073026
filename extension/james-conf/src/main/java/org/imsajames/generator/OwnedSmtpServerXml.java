package org.imsajames.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imsajames.handlerconf.HandlerVocabulary;
import org.imsajames.settings.SmtpInterfaceRules;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes an {@link OwnedSmtpServer} into our server element of smtpserver.xml, and reads one back from it. Only
 * the elements and handlers listed here are touched; other handlers, other elements and comments stay. Writing the
 * same values twice gives the same document, which is what makes {@code --update} and the screen's saves agree.
 */
public final class OwnedSmtpServerXml {
    public static final String JMX_NAME = HandlerVocabulary.OWNED_SERVER_JMX_NAME;
    private static final List<String> OUR_HANDLERS = List.of(HandlerVocabulary.CONNECTION_CONTROL_HANDLER,
        HandlerVocabulary.TLS_ONLY_HANDLER, HandlerVocabulary.PER_IP_HANDLER);
    private static final List<String> TLS_OWNED = List.of("keystore", "keystoreType", "secret",
        "supportedProtocols", "supportedCipherSuites");

    private OwnedSmtpServerXml() {
    }

    /** Our server by jmxName, if the file has one. */
    public static Optional<Element> byJmxName(Element servers) {
        for (Element server : Elements.children(servers, "smtpserver")) {
            if (Elements.childText(server, "jmxName").filter(JMX_NAME::equals).isPresent()) {
                return Optional.of(server);
            }
        }
        return Optional.empty();
    }

    /** Another enabled server already listening where ours would is refused: James would fail to start. */
    public static void refuseOtherServerOn(Element servers, Element ours, String bindAddress, int port,
            String targetName) throws ConfFolderException {
        Binding ourBinding = new Binding(bindAddress, port);
        for (Element server : Elements.children(servers, "smtpserver")) {
            if (server != ours && isEnabled(server)) {
                for (Binding binding : bindings(server)) {
                    if (binding.overlaps(ourBinding)) {
                        throw new ConfFolderException(targetName + ": the smtpserver '"
                            + Elements.childText(server, "jmxName").orElse("(no jmxName)")
                            + "' already binds " + binding.address + ":" + binding.port);
                    }
                }
            }
        }
    }

    /** Whether an enabled server of the file listens on PORT (how the generator adopts an operator's server). */
    public static boolean listensOn(Element server, int port) {
        return isEnabled(server) && bindings(server).stream().anyMatch(binding -> binding.port == port);
    }

    public static void write(OwnedSmtpServer values, Element server) {
        server.setAttribute("enabled", "true");
        Elements.setChildText(server, "jmxName", JMX_NAME);
        Elements.setChildText(server, "bind", values.bindAddress() + ":" + values.port());
        setTls(values.incomingTls(), Elements.ensureChild(server, "tls"));
        Elements.setChildText(server, "connectiontimeout", String.valueOf(values.inactivityTimeoutSeconds()));
        Elements.setChildText(server, "connectionLimit", String.valueOf(values.maxConnections()));
        // Our ConnectionsPerIpHandler enforces the per-address limit with a 421; James's own would close silently.
        Elements.setChildText(server, "connectionLimitPerIP", "0");
        Elements.setChildText(server, "maxmessagesize", String.valueOf(values.maxMessageSizeKb()));
        if (values.proxyRequired()) {
            Elements.setChildText(server, "proxyRequired", "true");
        } else {
            Elements.removeChildren(server, "proxyRequired");
        }
        if (values.relayNetworks().isEmpty()) {
            Elements.removeChildren(server, "authorizedAddresses");
        } else {
            Elements.setChildText(server, "authorizedAddresses", String.join(", ", values.relayNetworks()));
        }
        if (values.requireSslForAuth()) {
            // Turning tlsOnly off later leaves requireSSL as it is: an operator's stricter choice is kept.
            Elements.setChildText(Elements.ensureChild(server, "auth"), "requireSSL", "true");
        }
        setHandlers(values, Elements.ensureChild(server, "handlerchain"));
    }

    /**
     * The values a server element written by {@link #write} holds. requireSslForAuth reads as false: writing
     * never removes requireSSL, so the element stays as it is.
     */
    public static OwnedSmtpServer read(Element server) throws ConfFolderException {
        List<Binding> bindings = bindings(server);
        if (bindings.size() != 1) {
            throw new ConfFolderException("smtpserver.xml: our server's <bind> is not one address:port");
        }
        Element tls = Elements.child(server, "tls").orElse(null);
        OwnedSmtpServer.IncomingTls incoming = OwnedSmtpServer.IncomingTls.off();
        if (tls != null && "true".equals(tls.getAttribute("startTLS").trim())) {
            Optional<String> secret = Elements.childText(tls, "secret");
            if (secret.isEmpty()) {
                throw new ConfFolderException("smtpserver.xml: STARTTLS is on but our server's <tls> has no secret");
            }
            incoming = OwnedSmtpServer.IncomingTls.on(secret.get(), listItems(tls, "supportedProtocols"),
                listItems(tls, "supportedCipherSuites"));
        }
        List<String> relayNetworks = new ArrayList<>();
        for (String network : Elements.childText(server, "authorizedAddresses").orElse("").split(",")) {
            if (!network.isBlank()) {
                relayNetworks.add(network.trim());
            }
        }
        List<String> trustedProxies = new ArrayList<>();
        int perIp = 0;
        for (Element handler : Elements.child(server, "handlerchain").map(chain -> Elements.children(chain,
                "handler")).orElse(List.of())) {
            String type = handler.getAttribute("class");
            if (type.equals(HandlerVocabulary.CONNECTION_CONTROL_HANDLER)) {
                for (Element proxy : Elements.children(handler, HandlerVocabulary.TRUSTED_PROXY)) {
                    trustedProxies.add(proxy.getTextContent().trim());
                }
            } else if (type.equals(HandlerVocabulary.PER_IP_HANDLER)) {
                perIp = number(handler, HandlerVocabulary.MAX_CONNECTIONS_PER_IP);
            }
        }
        return new OwnedSmtpServer(bindings.get(0).address, bindings.get(0).port, number(server, "connectiontimeout"),
            number(server, "connectionLimit"), perIp, number(server, "maxmessagesize"),
            Elements.childText(server, "proxyRequired").filter("true"::equals).isPresent(), relayNetworks,
            trustedProxies, incoming, false);
    }

    private static int number(Element parent, String name) throws ConfFolderException {
        String text = Elements.childText(parent, name).orElse("0");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfFolderException("smtpserver.xml: our server's <" + name + "> is not a number");
        }
    }

    private static List<String> listItems(Element parent, String name) {
        List<String> items = new ArrayList<>();
        Elements.child(parent, name).ifPresent(list -> {
            for (org.w3c.dom.Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element) {
                    items.add(node.getTextContent().trim());
                }
            }
        });
        return items;
    }

    private static void setTls(OwnedSmtpServer.IncomingTls incoming, Element tls) {
        tls.setAttribute("socketTLS", "false");
        tls.setAttribute("startTLS", String.valueOf(incoming.enabled()));
        // PEM files would be a second, conflicting source of the server's identity.
        Elements.removeChildren(tls, "privateKey");
        Elements.removeChildren(tls, "certificates");
        if (!incoming.enabled()) {
            for (String owned : TLS_OWNED) {
                Elements.removeChildren(tls, owned);
            }
            return;
        }
        Elements.setChildText(tls, "keystore", ConfFiles.jamesUrl(ConfFiles.KEYSTORE));
        Elements.setChildText(tls, "keystoreType", "PKCS12");
        Elements.setChildText(tls, "secret", incoming.keystoreSecret());
        setList(Elements.ensureChild(tls, "supportedProtocols"), "protocol", incoming.protocols());
        // Without a list James would enable whatever its JVM enables by default, static RSA and CBC suites included.
        setList(Elements.ensureChild(tls, "supportedCipherSuites"), "cipherSuite", incoming.cipherSuites());
    }

    private static void setList(Element list, String itemName, List<String> items) {
        while (list.getFirstChild() != null) {
            list.removeChild(list.getFirstChild());
        }
        for (String item : items) {
            list.appendChild(textElement(list.getOwnerDocument(), itemName, item));
        }
    }

    private static void setHandlers(OwnedSmtpServer values, Element chain) {
        for (Element handler : Elements.children(chain, "handler")) {
            if (OUR_HANDLERS.contains(handler.getAttribute("class"))) {
                chain.removeChild(handler);
            }
        }
        Document document = chain.getOwnerDocument();
        List<Element> ours = new ArrayList<>();
        Element connectionControl = document.createElement("handler");
        connectionControl.setAttribute("class", HandlerVocabulary.CONNECTION_CONTROL_HANDLER);
        // No <policy>: the mode is in the list file ("#! policy"), so mode and entries always change together.
        connectionControl.appendChild(textElement(document, HandlerVocabulary.LIST_FILE,
            ConfFiles.jamesUrl(ConfFiles.CONNECTION_CONTROL_LIST)));
        // Checked every 200 ms (a stat): a change from the Connections screen is in force within a second.
        connectionControl.appendChild(textElement(document, HandlerVocabulary.WATCH_INTERVAL,
            String.valueOf(HandlerVocabulary.GENERATED_WATCH_INTERVAL_MILLIS)));
        for (String proxy : values.trustedProxies()) {
            connectionControl.appendChild(textElement(document, HandlerVocabulary.TRUSTED_PROXY, proxy));
        }
        ours.add(connectionControl);
        if (values.maxConnectionsPerIp() > 0) {
            Element perIp = document.createElement("handler");
            perIp.setAttribute("class", HandlerVocabulary.PER_IP_HANDLER);
            perIp.appendChild(textElement(document, HandlerVocabulary.MAX_CONNECTIONS_PER_IP,
                String.valueOf(values.maxConnectionsPerIp())));
            ours.add(perIp);
        }
        if (values.incomingTls().enabled()) {
            // Always there with incoming TLS: its state file says on or off, so the Connections screen can switch it
            // on a running James (the file is watched).
            Element tlsOnly = document.createElement("handler");
            tlsOnly.setAttribute("class", HandlerVocabulary.TLS_ONLY_HANDLER);
            tlsOnly.appendChild(textElement(document, HandlerVocabulary.TLS_ONLY_STATE_FILE,
                ConfFiles.jamesUrl(ConfFiles.TLS_ONLY)));
            ours.add(tlsOnly);
        }
        // Ours run first: a refused client must not reach any other handler.
        Element first = Elements.firstChildElement(chain);
        for (Element handler : ours) {
            chain.insertBefore(handler, first);
        }
    }

    private static Element textElement(Document document, String name, String text) {
        Element element = document.createElement(name);
        element.setTextContent(text);
        return element;
    }

    private static boolean isEnabled(Element server) {
        return !server.getAttribute("enabled").trim().equalsIgnoreCase("false");
    }

    /** James's bind syntax: "ip:port[,ip:port...]", port 25 when absent. Unreadable parts are James's to refuse. */
    private static List<Binding> bindings(Element server) {
        List<Binding> bindings = new ArrayList<>();
        String bind = Elements.childText(server, "bind").orElse(SmtpInterfaceRules.ALL_ADDRESSES + ":25");
        for (String part : bind.split(",")) {
            String[] ipAndPort = part.trim().split(":");
            if (ipAndPort.length == 2 && ipAndPort[1].trim().matches("[0-9]{1,5}")) {
                bindings.add(new Binding(ipAndPort[0].trim(), Integer.parseInt(ipAndPort[1].trim())));
            }
        }
        return bindings;
    }

    private static final class Binding {
        final String address;
        final int port;

        Binding(String address, int port) {
            this.address = address;
            this.port = port;
        }

        boolean overlaps(Binding other) {
            return port == other.port && (address.equals(other.address)
                || address.equals(SmtpInterfaceRules.ALL_ADDRESSES)
                || other.address.equals(SmtpInterfaceRules.ALL_ADDRESSES));
        }
    }
}
