package org.imsajames.generator;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.imsajames.handlerconf.HandlerVocabulary;
import org.imsajames.settings.ImsaSettings;
import org.imsajames.settings.IncomingTlsSettings;
import org.imsajames.settings.SmtpInterfaceSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Finds (or adds from the template) the one SMTP server of smtpserver.xml that imsa-james owns and writes the
 * settings into it with {@link OwnedSmtpServerXml}, which the Connections screen uses too.
 * Sets the IMSA settings on the one SMTP server of smtpserver.xml that imsa-james owns (jmxName
 * {@value #JMX_NAME}), leaving other servers, other handlers and comments alone. Applying it twice
 * gives the same document, which is what makes {@code --update} idempotent.
 */
final class SmtpServerXml {
    static final String JMX_NAME = HandlerVocabulary.OWNED_SERVER_JMX_NAME;
    static final String CONNECTION_CONTROL_HANDLER = HandlerVocabulary.CONNECTION_CONTROL_HANDLER;
    static final String TLS_ONLY_HANDLER = HandlerVocabulary.TLS_ONLY_HANDLER;
    static final String PER_IP_HANDLER = HandlerVocabulary.PER_IP_HANDLER;

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
        SmtpInterfaceSettings smtp = settings.smtpInterface();
        OwnedSmtpServerXml.refuseOtherServerOn(servers, server, smtp.bindAddress(), smtp.port(), targetName);
        OwnedSmtpServerXml.write(ownedServer(), server);
    }

    /** The settings as our server element holds them. */
    OwnedSmtpServer ownedServer() {
        SmtpInterfaceSettings smtp = settings.smtpInterface();
        IncomingTlsSettings incoming = settings.incomingTls();
        return new OwnedSmtpServer(smtp.bindAddress(), smtp.port(), smtp.inactivityTimeoutMinutes() * 60,
                smtp.maxConnections(), smtp.maxConnectionsPerIp(), smtp.maxMessageSizeKb(), smtp.proxyRequired(),
                relayNetworks, trustedProxies, incoming.enabled()
                        ? OwnedSmtpServer.IncomingTls.on(keystoreSecret, incoming.protocols(), incoming.cipherSuites())
                        : OwnedSmtpServer.IncomingTls.off(),
                incoming.tlsOnly());
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
        Optional<Element> byName = OwnedSmtpServerXml.byJmxName(servers);
        if (byName.isPresent()) {
            return byName;
        }
        return Elements.children(servers, "smtpserver").stream()
                .filter(server -> OwnedSmtpServerXml.listensOn(server, settings.smtpInterface().port())).findFirst();
    }
}
