package org.imsajames.webadmin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a generation's smtpserver.xml says about our SMTP server (the one imsa-james generates, jmxName imsa-smtp,
 * else the first): the SMTP Interface values the screen shows, whether STARTTLS is on and with which keystore
 * secret, and whether TlsOnlyHandler is in its handler chain. James reads this file only at start.
 */
final class SmtpServerFacts {
    static final String OUR_SERVER = "imsa-smtp";
    private static final String TLS_ONLY_HANDLER = "org.imsajames.smtp.TlsOnlyHandler";

    private final Map<String, Object> smtpInterface;
    private final boolean startTls;
    private final String keystoreSecret;
    private final boolean tlsOnlyHandler;

    private SmtpServerFacts(Map<String, Object> smtpInterface, boolean startTls, String keystoreSecret,
            boolean tlsOnlyHandler) {
        this.smtpInterface = smtpInterface;
        this.startTls = startTls;
        this.keystoreSecret = keystoreSecret;
        this.tlsOnlyHandler = tlsOnlyHandler;
    }

    static SmtpServerFacts read(Path generation) throws IOException {
        Path file = generation.resolve("smtpserver.xml");
        if (!Files.isRegularFile(file)) {
            return new SmtpServerFacts(Map.of(), false, null, false);
        }
        Document document;
        try (InputStream in = Files.newInputStream(file)) {
            document = parser().newDocumentBuilder().parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("smtpserver.xml cannot be parsed: " + e.getMessage(), e);
        }
        Element server = ourServer(document);
        if (server == null) {
            return new SmtpServerFacts(Map.of(), false, null, false);
        }
        Map<String, Object> smtpInterface = new LinkedHashMap<>();
        String bind = text(server, "bind");
        if (bind != null) {
            int colon = bind.lastIndexOf(':');
            String host = colon < 0 ? bind : bind.substring(0, colon);
            smtpInterface.put("ipAddress", host.equals("0.0.0.0") ? "all" : host.equals("127.0.0.1") ? "loopback"
                : host);
            smtpInterface.put("port", colon < 0 ? null : number(bind.substring(colon + 1)));
        }
        Object timeout = number(text(server, "connectiontimeout"));
        smtpInterface.put("inactivityTimeoutSeconds", timeout);
        smtpInterface.put("maxConnections", number(text(server, "connectionLimit")));
        smtpInterface.put("maxMessageSize", text(server, "maxmessagesize"));
        Element tls = child(server, "tls");
        boolean startTls = tls != null && "true".equals(tls.getAttribute("startTLS"));
        String secret = tls == null ? null : text(tls, "secret");
        boolean tlsOnly = false;
        Element chain = child(server, "handlerchain");
        if (chain != null) {
            NodeList handlers = chain.getElementsByTagName("handler");
            for (int i = 0; i < handlers.getLength(); i++) {
                if (TLS_ONLY_HANDLER.equals(((Element) handlers.item(i)).getAttribute("class"))) {
                    tlsOnly = true;
                }
            }
        }
        return new SmtpServerFacts(smtpInterface, startTls, secret, tlsOnly);
    }

    /** Keys as the settings' smtpInterface section names them; values as smtpserver.xml has them. */
    Map<String, Object> smtpInterface() {
        return smtpInterface;
    }

    boolean startTls() {
        return startTls;
    }

    /** The keystore's secret, never shown or logged: an uploaded keystore must open with it. */
    Optional<String> keystoreSecret() {
        return Optional.ofNullable(keystoreSecret);
    }

    boolean tlsOnlyHandler() {
        return tlsOnlyHandler;
    }

    private static Element ourServer(Document document) {
        NodeList servers = document.getDocumentElement().getElementsByTagName("smtpserver");
        Element first = null;
        for (int i = 0; i < servers.getLength(); i++) {
            Element server = (Element) servers.item(i);
            if (first == null) {
                first = server;
            }
            if (OUR_SERVER.equals(text(server, "jmxName"))) {
                return server;
            }
        }
        return first;
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && name.equals(node.getNodeName())) {
                return (Element) node;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent().trim();
    }

    private static Object number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static DocumentBuilderFactory parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
