package org.imsajames.webadmin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imsajames.generator.ConfFolderException;
import org.imsajames.generator.RelayTls;
import org.imsajames.generator.RelayTlsXml;
import org.imsajames.generator.XmlFiles;
import org.imsajames.settings.OutgoingTlsLevel;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * IMSA "Enable Outgoing TLS" as a generation's mailetcontainer.xml has it: the level of the relay's RemoteDelivery
 * (the first one outside the generator's per-destination processors), read with the generator's own
 * {@link RelayTlsXml}. James reads it at start only, so a saved change waits for a restart.
 */
final class OutgoingTls {
    private final RelayTls relay;
    private final String problem;

    private OutgoingTls(RelayTls relay, String problem) {
        this.relay = relay;
        this.problem = problem;
    }

    static OutgoingTls parse(byte[] bytes) {
        if (bytes == null) {
            return new OutgoingTls(null, null);
        }
        try {
            Document document = XmlFiles.parse(new ByteArrayInputStream(bytes), "mailetcontainer.xml");
            List<Element> relays = RelayTlsXml.relayRemoteDeliveries(document);
            return relays.isEmpty() ? new OutgoingTls(null, null)
                : new OutgoingTls(RelayTlsXml.read(relays.get(0)), null);
        } catch (ConfFolderException | IOException | RuntimeException e) {
            return new OutgoingTls(null, "mailetcontainer.xml cannot be read");
        }
    }

    OutgoingTlsLevel level() {
        return relay == null ? OutgoingTlsLevel.NONE : relay.level();
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (problem != null) {
            json.put("error", problem);
        }
        json.put("enabled", level() != OutgoingTlsLevel.NONE);
        json.put("mode", level().settingName());
        return json;
    }
}
