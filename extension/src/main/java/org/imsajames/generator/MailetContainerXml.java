package org.imsajames.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imsajames.settings.OutgoingTlsMode;
import org.imsajames.settings.OutgoingTlsSettings;
import org.imsajames.settings.SmartHost;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Sets the outgoing TLS policy on every RemoteDelivery mailet of mailetcontainer.xml. Only the
 * parameters listed in {@link #OWNED} are touched; the rest of the file is kept as it is.
 */
final class MailetContainerXml {
    private static final String START_TLS = "startTLS";
    private static final String VERIFY_SERVER_IDENTITY = "verifyServerIdentity";
    private static final String SSL_TRUST = "mail.smtp.ssl.trust";
    private static final String STARTTLS_REQUIRED = "mail.smtp.starttls.required";
    private static final String GATEWAY = "gateway";
    private static final String GATEWAY_PORT = "gatewayPort";
    static final List<String> OWNED = List.of(START_TLS, VERIFY_SERVER_IDENTITY, SSL_TRUST, STARTTLS_REQUIRED,
            GATEWAY, GATEWAY_PORT);

    private final OutgoingTlsSettings outgoing;

    MailetContainerXml(OutgoingTlsSettings outgoing) {
        this.outgoing = outgoing;
    }

    void applyTo(Document target, String targetName) throws ConfFolderException {
        String root = target.getDocumentElement().getNodeName();
        if (!root.equals("mailetcontainer")) {
            throw new ConfFolderException(targetName + ": the root element is <" + root + ">, not <mailetcontainer>");
        }
        List<Element> remoteDeliveries = remoteDeliveries(target);
        if (remoteDeliveries.isEmpty() && (outgoing.enabled() || outgoing.gateway().isPresent())) {
            throw new ConfFolderException(targetName + ": no RemoteDelivery mailet to apply tls.outgoing to");
        }
        for (Element mailet : remoteDeliveries) {
            for (String owned : OWNED) {
                Elements.removeChildren(mailet, owned);
            }
            // James 3.8.1 / JavaMail: without verifyServerIdentity=false and
            // ssl.trust=* the session is dropped right after STARTTLS to a self-signed or mismatched peer.
            set(mailet, START_TLS, String.valueOf(outgoing.enabled()));
            if (outgoing.enabled()) {
                set(mailet, VERIFY_SERVER_IDENTITY, String.valueOf(outgoing.verifyServerIdentity()));
                if (outgoing.mode() != OutgoingTlsMode.VERIFY) {
                    set(mailet, SSL_TRUST, "*");
                }
                if (outgoing.mode() != OutgoingTlsMode.OPPORTUNISTIC) {
                    // Never in clear: without STARTTLS the mail is retried and finally bounced.
                    set(mailet, STARTTLS_REQUIRED, "true");
                }
            }
            Optional<SmartHost> gateway = outgoing.gateway();
            if (gateway.isPresent()) {
                set(mailet, GATEWAY, gateway.get().host());
                set(mailet, GATEWAY_PORT, String.valueOf(gateway.get().port()));
            }
        }
    }

    private static List<Element> remoteDeliveries(Document document) {
        List<Element> found = new ArrayList<>();
        NodeList mailets = document.getElementsByTagName("mailet");
        for (int i = 0; i < mailets.getLength(); i++) {
            Element mailet = (Element) mailets.item(i);
            String type = mailet.getAttribute("class").trim();
            if (type.equals("RemoteDelivery") || type.endsWith(".RemoteDelivery")) {
                found.add(mailet);
            }
        }
        return found;
    }

    private static void set(Element mailet, String name, String value) {
        Element parameter = mailet.getOwnerDocument().createElement(name);
        parameter.setTextContent(value);
        mailet.appendChild(parameter);
    }
}
