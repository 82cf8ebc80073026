package org.imsajames.generator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.imsajames.settings.OutgoingTlsLevel;
import org.imsajames.settings.SmtpInterfaceRules;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The values James 3.8.1 reads only at start, flat and named as the Connections state names them
 * ("smtpInterface.port", "tls.incoming.enabled", "tls.outgoing.mode"), in the settings' units: what the screen's
 * pendingRestart and audit record list, and what generate names when it replaces such a screen change.
 */
public final class StartOnlyValues {
    private StartOnlyValues() {
    }

    /** Our server's SMTP Interface with the settings' keys and units (minutes, KB). */
    public static Map<String, Object> smtpInterface(OwnedSmtpServer server) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(SmtpInterfaceRules.IP_ADDRESS, SmtpInterfaceRules.ipAddressSetting(server.bindAddress()));
        values.put(SmtpInterfaceRules.PORT, server.port());
        int seconds = server.inactivityTimeoutSeconds();
        values.put(SmtpInterfaceRules.INACTIVITY_TIMEOUT_MINUTES, seconds % 60 == 0 ? (Object) (seconds / 60)
            : (Object) (seconds / 60.0));
        values.put(SmtpInterfaceRules.MAX_CONNECTIONS, server.maxConnections());
        values.put(SmtpInterfaceRules.MAX_CONNECTIONS_PER_IP, server.maxConnectionsPerIp());
        values.put(SmtpInterfaceRules.MAX_MESSAGE_SIZE_KB, server.maxMessageSizeKb());
        return values;
    }

    /** SERVER null: smtpserver.xml has none of ours (then only the TLS values are named). */
    public static Map<String, String> of(OwnedSmtpServer server, OutgoingTlsLevel relayLevel) {
        Map<String, String> values = new LinkedHashMap<>();
        if (server != null) {
            smtpInterface(server).forEach((key, value) -> values.put("smtpInterface." + key, String.valueOf(value)));
        }
        values.put("tls.incoming.enabled", String.valueOf(server != null && server.incomingTls().enabled()));
        values.put("tls.outgoing.enabled", String.valueOf(relayLevel != OutgoingTlsLevel.NONE));
        values.put("tls.outgoing.mode", relayLevel.settingName());
        return values;
    }

    /** From the two files (null: absent); what cannot be read counts as absent. */
    public static Map<String, String> read(byte[] smtpServerXml, byte[] mailetContainerXml) {
        return of(ownedServer(smtpServerXml).orElse(null), relayLevel(mailetContainerXml));
    }

    public static Optional<OwnedSmtpServer> ownedServer(byte[] smtpServerXml) {
        try {
            Document document = parse(smtpServerXml);
            if (document == null) {
                return Optional.empty();
            }
            Optional<Element> ours = OwnedSmtpServerXml.byJmxName(document.getDocumentElement());
            return ours.isPresent() ? Optional.of(OwnedSmtpServerXml.read(ours.get())) : Optional.empty();
        } catch (ConfFolderException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static OutgoingTlsLevel relayLevel(byte[] mailetContainerXml) {
        try {
            Document document = parse(mailetContainerXml);
            List<Element> relays = document == null ? List.of() : RelayTlsXml.relayRemoteDeliveries(document);
            return relays.isEmpty() ? OutgoingTlsLevel.NONE : RelayTlsXml.read(relays.get(0)).level();
        } catch (ConfFolderException | IOException | RuntimeException e) {
            return OutgoingTlsLevel.NONE;
        }
    }

    /** The names whose value differs between A and B. */
    public static List<String> differing(Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> names = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(a.get(key), b.get(key))) {
                names.add(key);
            }
        }
        return names;
    }

    /** "smtpInterface.port 25 -> 2525", one per value that differs from BEFORE to AFTER. */
    public static List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        for (String key : differing(before, after)) {
            changes.add(key + " " + before.getOrDefault(key, "none") + " -> " + after.getOrDefault(key, "none"));
        }
        return changes;
    }

    private static Document parse(byte[] bytes) throws ConfFolderException, IOException {
        return bytes == null ? null : XmlFiles.parse(new ByteArrayInputStream(bytes), "conf file");
    }
}
