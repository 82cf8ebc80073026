package org.imsajames.generator;

import java.util.ArrayList;
import java.util.List;

import org.imsajames.outgoing.MtaStsSetting;
import org.imsajames.settings.OutgoingTlsLevel;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Writes a {@link RelayTls} onto a RemoteDelivery mailet of mailetcontainer.xml and reads it back; only the
 * parameters in {@link #OWNED} and {@code mtaSts} (and the class, for MTA-STS) are touched. The generator
 * writes every RemoteDelivery with it; the Connections screen rewrites the relay's (the ones outside the
 * generator's per-level processors) when the admin saves another outgoing mode.
 */
public final class RelayTlsXml {
    public static final String LEVEL_PROCESSOR_PREFIX = "outgoing-tls-";
    public static final String MTA_STS_REMOTE_DELIVERY = "org.imsajames.outgoing.MtaStsRemoteDelivery";
    private static final String MTA_STS = "mtaSts";
    private static final String START_TLS = "startTLS";
    private static final String VERIFY_SERVER_IDENTITY = "verifyServerIdentity";
    private static final String SSL_TRUST = "mail.smtp.ssl.trust";
    private static final String STARTTLS_REQUIRED = "mail.smtp.starttls.required";
    private static final String GATEWAY = "gateway";
    private static final String GATEWAY_PORT = "gatewayPort";
    public static final List<String> OWNED = List.of(START_TLS, VERIFY_SERVER_IDENTITY, SSL_TRUST, STARTTLS_REQUIRED,
        GATEWAY, GATEWAY_PORT);

    private RelayTlsXml() {
    }

    /** Every RemoteDelivery mailet of the file (ours with MTA-STS included), in document order. */
    public static List<Element> remoteDeliveries(Document document) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = document.getElementsByTagName("mailet");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element mailet = (Element) nodes.item(i);
            String type = mailet.getAttribute("class").trim();
            if (type.equals("RemoteDelivery") || type.endsWith(".RemoteDelivery")
                    || type.equals(MTA_STS_REMOTE_DELIVERY)) {
                found.add(mailet);
            }
        }
        return found;
    }

    /** The RemoteDelivery mailets at the default level: all but the copies in the generator's level processors. */
    public static List<Element> relayRemoteDeliveries(Document document) {
        List<Element> found = new ArrayList<>();
        for (Element mailet : remoteDeliveries(document)) {
            Node parent = mailet.getParentNode();
            boolean levelCopy = parent instanceof Element && ((Element) parent).getNodeName().equals("processor")
                && ((Element) parent).getAttribute("state").startsWith(LEVEL_PROCESSOR_PREFIX);
            if (!levelCopy) {
                found.add(mailet);
            }
        }
        return found;
    }

    public static void write(RelayTls tls, Element mailet) {
        for (String owned : OWNED) {
            Elements.removeChildren(mailet, owned);
        }
        Elements.removeChildren(mailet, MTA_STS);
        if (tls.mtaSts() != MtaStsSetting.OFF) {
            // James's RemoteDelivery with a DNSService that applies MTA-STS to the MX hosts (our jar).
            mailet.setAttribute("class", MTA_STS_REMOTE_DELIVERY);
            set(mailet, MTA_STS, tls.mtaSts().parameter());
        } else if (mailet.getAttribute("class").trim().equals(MTA_STS_REMOTE_DELIVERY)) {
            mailet.setAttribute("class", "RemoteDelivery");
        }
        OutgoingTlsLevel level = tls.level();
        // Facts about James 3.8.1 / JavaMail (README, "Outgoing TLS"): without verifyServerIdentity=false and
        // ssl.trust=* the session is dropped right after STARTTLS to a self-signed or mismatched peer.
        set(mailet, START_TLS, String.valueOf(level != OutgoingTlsLevel.NONE));
        if (level != OutgoingTlsLevel.NONE) {
            set(mailet, VERIFY_SERVER_IDENTITY, String.valueOf(level == OutgoingTlsLevel.VERIFY));
            if (level != OutgoingTlsLevel.VERIFY) {
                set(mailet, SSL_TRUST, "*");
            }
            if (level.tlsMandatory()) {
                // Never in clear: without STARTTLS the mail is retried and finally bounced.
                set(mailet, STARTTLS_REQUIRED, "true");
            }
        }
        if (tls.gatewayHost() != null) {
            set(mailet, GATEWAY, tls.gatewayHost());
            set(mailet, GATEWAY_PORT, String.valueOf(tls.gatewayPort()));
        }
    }

    /** What {@link #write} put on the mailet; a level the parameters do not name reads as the weaker one. */
    public static RelayTls read(Element mailet) {
        OutgoingTlsLevel level = OutgoingTlsLevel.NONE;
        if (is(mailet, START_TLS, "true")) {
            level = is(mailet, VERIFY_SERVER_IDENTITY, "true") && is(mailet, STARTTLS_REQUIRED, "true")
                ? OutgoingTlsLevel.VERIFY
                : is(mailet, STARTTLS_REQUIRED, "true") ? OutgoingTlsLevel.REQUIRED : OutgoingTlsLevel.OPPORTUNISTIC;
        }
        MtaStsSetting mtaSts = MtaStsSetting.fromParameter(Elements.childText(mailet, MTA_STS).orElse(null));
        String gateway = Elements.childText(mailet, GATEWAY).orElse(null);
        int port = Integer.parseInt(Elements.childText(mailet, GATEWAY_PORT).orElse("25"));
        return new RelayTls(level, mtaSts, gateway, port);
    }

    private static boolean is(Element mailet, String name, String value) {
        return Elements.childText(mailet, name).filter(value::equals).isPresent();
    }

    private static void set(Element mailet, String name, String value) {
        Element parameter = mailet.getOwnerDocument().createElement(name);
        parameter.setTextContent(value);
        mailet.appendChild(parameter);
    }
}
