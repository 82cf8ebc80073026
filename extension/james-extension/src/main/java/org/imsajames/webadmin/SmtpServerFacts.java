package org.imsajames.webadmin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.imsajames.generator.ConfFolderException;
import org.imsajames.generator.Elements;
import org.imsajames.generator.OwnedSmtpServer;
import org.imsajames.generator.OwnedSmtpServerXml;
import org.imsajames.generator.StartOnlyValues;
import org.imsajames.generator.XmlFiles;
import org.imsajames.handlerconf.HandlerVocabulary;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a generation's smtpserver.xml says about our SMTP server (jmxName imsa-smtp, the one imsa-james generates):
 * the SMTP Interface values, read back with the generator's own {@link OwnedSmtpServerXml}, whether STARTTLS is on
 * and with which keystore secret, and whether TlsOnlyHandler is in its handler chain. James reads it only at start.
 */
final class SmtpServerFacts {
    private static final SmtpServerFacts NONE = new SmtpServerFacts(null, null, false);

    private final OwnedSmtpServer server;
    private final String problem;
    private final boolean tlsOnlyHandler;

    private SmtpServerFacts(OwnedSmtpServer server, String problem, boolean tlsOnlyHandler) {
        this.server = server;
        this.problem = problem;
        this.tlsOnlyHandler = tlsOnlyHandler;
    }

    /** BYTES: the file, or null when the generation has none. */
    static SmtpServerFacts parse(byte[] bytes) throws IOException {
        if (bytes == null) {
            return NONE;
        }
        try {
            Document document = XmlFiles.parse(new ByteArrayInputStream(bytes), "smtpserver.xml");
            Optional<Element> ours = OwnedSmtpServerXml.byJmxName(document.getDocumentElement());
            if (ours.isEmpty()) {
                return new SmtpServerFacts(null, "smtpserver.xml has no smtpserver with jmxName "
                    + OwnedSmtpServerXml.JMX_NAME + " (imsa-james generate writes it)", false);
            }
            boolean tlsOnly = Elements.child(ours.get(), "handlerchain").map(chain -> Elements.children(chain,
                "handler").stream().anyMatch(handler -> HandlerVocabulary.TLS_ONLY_HANDLER.equals(
                    handler.getAttribute("class")))).orElse(false);
            return new SmtpServerFacts(OwnedSmtpServerXml.read(ours.get()), null, tlsOnly);
        } catch (ConfFolderException e) {
            return new SmtpServerFacts(null, e.getMessage(), false);
        }
    }

    /** Our server as the file has it, or why it cannot be read (then the screen cannot edit it). */
    OwnedSmtpServer server() throws ApiError {
        if (server == null) {
            throw new ApiError(409, (problem == null ? "the generation has no smtpserver.xml" : problem)
                + ": the SMTP Interface cannot be saved from the screen; nothing was changed");
        }
        return server;
    }

    boolean hasServer() {
        return server != null;
    }

    /** Keys and units as the settings' smtpInterface section has them (contract 3). */
    Map<String, Object> smtpInterface() {
        return server == null ? new LinkedHashMap<>() : StartOnlyValues.smtpInterface(server);
    }

    OwnedSmtpServer serverOrNull() {
        return server;
    }

    boolean startTls() {
        return server != null && server.incomingTls().enabled();
    }

    /** The keystore's secret, never shown or logged: an uploaded keystore must open with it. */
    Optional<String> keystoreSecret() {
        return server == null ? Optional.empty() : Optional.ofNullable(server.incomingTls().keystoreSecret());
    }

    boolean tlsOnlyHandler() {
        return tlsOnlyHandler;
    }
}
