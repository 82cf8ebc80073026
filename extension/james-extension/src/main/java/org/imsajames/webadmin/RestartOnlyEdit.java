package org.imsajames.webadmin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import org.imsajames.generator.ConfFolderException;
import org.imsajames.generator.OwnedSmtpServer;
import org.imsajames.generator.OwnedSmtpServerXml;
import org.imsajames.generator.RelayTls;
import org.imsajames.generator.RelayTlsXml;
import org.imsajames.generator.XmlFiles;
import org.imsajames.settings.OutgoingTlsLevel;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A save of what James reads only at start: the current generation's smtpserver.xml or mailetcontainer.xml with
 * the change written by the generator's own classes ({@link OwnedSmtpServerXml}, {@link RelayTlsXml}), so the file
 * is what {@code imsa-james generate --update} would write for the same settings. Everything else in the file stays.
 */
final class RestartOnlyEdit {
    interface ServerChange {
        OwnedSmtpServer apply(OwnedSmtpServer server) throws ApiError;
    }

    private RestartOnlyEdit() {
    }

    /** smtpserver.xml with our server changed, or null when the change leaves it as it is. */
    static byte[] smtpServer(Snapshot current, ServerChange change) throws ApiError, IOException {
        byte[] bytes = Snapshot.bytes(current.folder(), ConnectionsFiles.SMTP_SERVER);
        OwnedSmtpServer before = current.smtp().server(); // 409 when there is no server of ours to edit
        Document document = parse(bytes, ConnectionsFiles.SMTP_SERVER);
        Element servers = document.getDocumentElement();
        Element ours = OwnedSmtpServerXml.byJmxName(servers).orElseThrow(() -> new ApiError(409,
            "smtpserver.xml has no smtpserver with jmxName " + OwnedSmtpServerXml.JMX_NAME + "; nothing was changed"));
        OwnedSmtpServer after = change.apply(before);
        try {
            OwnedSmtpServerXml.refuseOtherServerOn(servers, ours, after.bindAddress(), after.port(),
                ConnectionsFiles.SMTP_SERVER);
        } catch (ConfFolderException e) {
            throw ApiError.badRequest(e.getMessage() + ": James would not start; nothing was changed");
        }
        OwnedSmtpServerXml.write(after, ours);
        return XmlFiles.serialize(document);
    }

    /** mailetcontainer.xml with the relay's RemoteDelivery at LEVEL (per-destination copies stay as they are). */
    static byte[] relay(Snapshot current, OutgoingTlsLevel level) throws ApiError, IOException {
        byte[] bytes = Snapshot.bytes(current.folder(), ConnectionsFiles.MAILET_CONTAINER);
        Document document = parse(bytes, ConnectionsFiles.MAILET_CONTAINER);
        List<Element> relays = RelayTlsXml.relayRemoteDeliveries(document);
        if (relays.isEmpty()) {
            throw new ApiError(409, "mailetcontainer.xml has no RemoteDelivery mailet to set outgoing TLS on;"
                + " nothing was changed");
        }
        for (Element mailet : relays) {
            RelayTls relay;
            try {
                relay = RelayTlsXml.read(mailet);
            } catch (IllegalArgumentException e) {
                throw new ApiError(409, "mailetcontainer.xml: " + e.getMessage() + "; nothing was changed");
            }
            RelayTlsXml.write(relay.withLevel(level), mailet);
        }
        return XmlFiles.serialize(document);
    }

    private static Document parse(byte[] bytes, String name) throws ApiError, IOException {
        if (bytes == null) {
            throw new ApiError(409, "the generation has no " + name + "; nothing was changed");
        }
        try {
            return XmlFiles.parse(new ByteArrayInputStream(bytes), name);
        } catch (ConfFolderException e) {
            throw new ApiError(409, e.getMessage() + "; nothing was changed");
        }
    }
}
