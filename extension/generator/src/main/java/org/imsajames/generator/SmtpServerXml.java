package org.imsajames.generator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imsajames.handlerconf.HandlerVocabulary;
import org.imsajames.settings.ImsaSettings;
import org.imsajames.settings.IncomingTlsSettings;
import org.imsajames.settings.SmtpInterfaceSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Sets the IMSA settings on the one SMTP server of smtpserver.xml that imsa-james owns (jmxName
 * {@value #JMX_NAME}), leaving other servers, other handlers and comments alone. Applying it twice
 * gives the same document, which is what makes {@code --update} idempotent.
 */
final class SmtpServerXml {
    static final String JMX_NAME = HandlerVocabulary.OWNED_SERVER_JMX_NAME;
    static final String CONNECTION_CONTROL_HANDLER = HandlerVocabulary.CONNECTION_CONTROL_HANDLER;
    static final String TLS_ONLY_HANDLER = HandlerVocabulary.TLS_ONLY_HANDLER;
    static final String PER_IP_HANDLER = HandlerVocabulary.PER_IP_HANDLER;
    private static final List<String> OUR_HANDLERS = List.of(CONNECTION_CONTROL_HANDLER, TLS_ONLY_HANDLER, PER_IP_HANDLER);
    private static final String ALL_ADDRESSES = "0.0.0.0";

    private final ImsaSettings settings;
    private final List<String> relayNetworks;
    private final List<String> trustedProxies;
    private final String keystoreSecret;

    /**
     * @param relayNetworks  canonical CIDRs of the permitted relay senders
     * @param trustedProxies canonical CIDRs whose PROXY header is honoured; empty unless proxyRequired
     * @param keystoreSecret the generated keystore's password; null when incoming TLS is off
     */
    SmtpServerXml(ImsaSettings settings, List<String> relayNetworks, List<String> trustedProxies,
                  String keystoreSecret) {
        this.settings = settings;
        this.relayNetworks = List.copyOf(relayNetworks);
        this.trustedProxies = List.copyOf(trustedProxies);
        this.keystoreSecret = keystoreSecret;
    }

    /**
     * @param target   the document to edit (the template itself, or the operator's file on update)
     * @param template where a new server comes from when the target has none of ours
     */
    void applyTo(Document target, String targetName, Document template, String templateName)
            throws ConfFolderException {
        Element servers = target.getDocumentElement();
        if (!servers.getNodeName().equals("smtpservers")) {
            throw new ConfFolderException(targetName + ": the root element is <" + servers.getNodeName()
                    + ">, not <smtpservers>");
        }
        Element server = ownedServer(servers).orElse(null);
        if (server == null) {
            Element model = ownedServer(template.getDocumentElement()).orElseThrow(() -> new ConfFolderException(
                    templateName + ": no <smtpserver> with jmxName " + JMX_NAME + " to start from"));
            server = (Element) target.importNode(model, true);
            servers.appendChild(server);
        }
        refuseOtherServerOnOurPort(servers, server, targetName);

        SmtpInterfaceSettings smtp = settings.smtpInterface();
        server.setAttribute("enabled", "true");
        Elements.setChildText(server, "jmxName", JMX_NAME);
        Elements.setChildText(server, "bind", smtp.bindAddress() + ":" + smtp.port());
        setTls(Elements.ensureChild(server, "tls"));
        Elements.setChildText(server, "connectiontimeout", String.valueOf(smtp.inactivityTimeoutMinutes() * 60));
        Elements.setChildText(server, "connectionLimit", String.valueOf(smtp.maxConnections()));
        // Our ConnectionsPerIpHandler enforces the per-address limit with a 421; James's own would close silently.
        Elements.setChildText(server, "connectionLimitPerIP", "0");
        Elements.setChildText(server, "maxmessagesize", String.valueOf(smtp.maxMessageSizeKb()));
        if (smtp.proxyRequired()) {
            Elements.setChildText(server, "proxyRequired", "true");
        } else {
            Elements.removeChildren(server, "proxyRequired");
        }
        if (relayNetworks.isEmpty()) {
            Elements.removeChildren(server, "authorizedAddresses");
        } else {
            Elements.setChildText(server, "authorizedAddresses", String.join(", ", relayNetworks));
        }
        if (settings.incomingTls().tlsOnly()) {
            // Turning tlsOnly off later leaves requireSSL as it is: an operator's stricter choice is kept.
            Elements.setChildText(Elements.ensureChild(server, "auth"), "requireSSL", "true");
        }
        setHandlers(Elements.ensureChild(server, "handlerchain"));
    }

    /**
     * The keystore our server uses now and its secret, if it is ours (in the current generation, or the single
     * file of the layout before generations): update keeps both when the keystore serves the same identity.
     */
    static Optional<CurrentKeystore> currentKeystore(Document document, Path confFolder) {
        for (Element server : Elements.children(document.getDocumentElement(), "smtpserver")) {
            if (Elements.childText(server, "jmxName").filter(JMX_NAME::equals).isPresent()) {
                Optional<Element> tls = Elements.child(server, "tls");
                Optional<String> url = tls.flatMap(element -> Elements.childText(element, "keystore"));
                Optional<String> secret = tls.flatMap(element -> Elements.childText(element, "secret"));
                if (url.isEmpty() || secret.isEmpty()) {
                    return Optional.empty();
                }
                if (url.get().equals(ConfFiles.jamesUrl(ConfFiles.KEYSTORE))) {
                    return Optional.of(new CurrentKeystore(confFolder.resolve(ConfFiles.IMSA_FOLDER)
                            .resolve(ConfFiles.CURRENT).resolve(ConfFiles.KEYSTORE), secret.get()));
                }
                if (url.get().equals(ConfFiles.legacyJamesUrl(ConfFiles.LEGACY_KEYSTORE))) {
                    return Optional.of(new CurrentKeystore(confFolder.resolve(ConfFiles.LEGACY_KEYSTORE),
                            secret.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** A keystore file and the secret smtpserver.xml gives for it. */
    static final class CurrentKeystore {
        final Path file;
        final String secret;

        CurrentKeystore(Path file, String secret) {
            this.file = file;
            this.secret = secret;
        }
    }

    /** Ours by jmxName; failing that, the enabled server on our port (it gets our jmxName from now on). */
    private Optional<Element> ownedServer(Element servers) {
        List<Element> candidates = Elements.children(servers, "smtpserver");
        for (Element server : candidates) {
            if (Elements.childText(server, "jmxName").filter(JMX_NAME::equals).isPresent()) {
                return Optional.of(server);
            }
        }
        for (Element server : candidates) {
            if (isEnabled(server) && bindings(server).stream().anyMatch(b -> b.port == settings.smtpInterface().port())) {
                return Optional.of(server);
            }
        }
        return Optional.empty();
    }

    private void refuseOtherServerOnOurPort(Element servers, Element ours, String targetName)
            throws ConfFolderException {
        Binding ourBinding = new Binding(settings.smtpInterface().bindAddress(), settings.smtpInterface().port());
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

    private void setTls(Element tls) {
        IncomingTlsSettings incoming = settings.incomingTls();
        tls.setAttribute("socketTLS", "false");
        tls.setAttribute("startTLS", String.valueOf(incoming.enabled()));
        // PEM files would be a second, conflicting source of the server's identity.
        Elements.removeChildren(tls, "privateKey");
        Elements.removeChildren(tls, "certificates");
        if (!incoming.enabled()) {
            for (String owned : List.of("keystore", "keystoreType", "secret", "supportedProtocols",
                    "supportedCipherSuites")) {
                Elements.removeChildren(tls, owned);
            }
            return;
        }
        Elements.setChildText(tls, "keystore", ConfFiles.jamesUrl(ConfFiles.KEYSTORE));
        Elements.setChildText(tls, "keystoreType", "PKCS12");
        Elements.setChildText(tls, "secret", keystoreSecret);
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

    private void setHandlers(Element chain) {
        for (Element handler : Elements.children(chain, "handler")) {
            String type = handler.getAttribute("class");
            if (OUR_HANDLERS.contains(type)) {
                chain.removeChild(handler);
            }
        }
        Document document = chain.getOwnerDocument();
        List<Element> ours = new ArrayList<>();
        Element connectionControl = document.createElement("handler");
        connectionControl.setAttribute("class", CONNECTION_CONTROL_HANDLER);
        // No <policy>: the mode is in the list file ("#! policy"), so mode and entries always change together.
        connectionControl.appendChild(textElement(document, HandlerVocabulary.LIST_FILE,
                ConfFiles.jamesUrl(ConfFiles.CONNECTION_CONTROL_LIST)));
        for (String proxy : trustedProxies) {
            connectionControl.appendChild(textElement(document, HandlerVocabulary.TRUSTED_PROXY, proxy));
        }
        ours.add(connectionControl);
        int maxConnectionsPerIp = settings.smtpInterface().maxConnectionsPerIp();
        if (maxConnectionsPerIp > 0) {
            Element perIp = document.createElement("handler");
            perIp.setAttribute("class", PER_IP_HANDLER);
            perIp.appendChild(textElement(document, HandlerVocabulary.MAX_CONNECTIONS_PER_IP, String.valueOf(maxConnectionsPerIp)));
            ours.add(perIp);
        }
        if (settings.incomingTls().tlsOnly()) {
            Element tlsOnly = document.createElement("handler");
            tlsOnly.setAttribute("class", TLS_ONLY_HANDLER);
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
        String bind = Elements.childText(server, "bind").orElse(ALL_ADDRESSES + ":25");
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
                    || address.equals(ALL_ADDRESSES) || other.address.equals(ALL_ADDRESSES));
        }
    }
}
