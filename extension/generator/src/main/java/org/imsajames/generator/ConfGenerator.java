package org.imsajames.generator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.imsajames.policy.ListEntry;
import org.imsajames.settings.ImsaSettings;
import org.imsajames.settings.Printable;
import org.imsajames.tls.KeystoreSecret;
import org.imsajames.tls.Pkcs12KeystoreWriter;
import org.imsajames.tls.TlsMaterial;
import org.w3c.dom.Document;

/**
 * Turns checked settings into a generation of James's configuration: smtpserver.xml, mailetcontainer.xml,
 * jvm.properties, extensions.properties (the operator's, with our NativeTlsModule), the connection-control list (with its mode) and, with incoming TLS, the PKCS12 keystore; and
 * publishes it into the conf folder with one atomic switch ({@link ConfPublisher}). The conf folder's lock is held
 * from reading the current generation to the switch, so two runs never interleave.
 *
 * <p>Without update the XML comes from the templates and the keystore gets a fresh random secret. With update the
 * current files are edited (the templates fill in for missing ones), and an existing keystore that already holds
 * the same key and chain is kept with its secret, so updating twice changes nothing.
 */
public final class ConfGenerator {
    private final Templates templates;
    private final Clock clock;
    private final Duration lockWait;
    private final int keep;
    private final PublishTestHook hook;

    public ConfGenerator(Templates templates, Clock clock) {
        this(templates, clock, ConfPublisher.DEFAULT_LOCK_WAIT, ConfPublisher.DEFAULT_KEEP,
                PublishTestHook.fromEnvironment());
    }

    /** @param keep how many generations besides the current one stay as backups */
    ConfGenerator(Templates templates, Clock clock, Duration lockWait, int keep, PublishTestHook hook) {
        this.templates = templates;
        this.clock = clock;
        this.lockWait = lockWait;
        this.keep = keep;
        this.hook = hook;
    }

    public GenerationReport generate(CheckedSettings checked, Path confFolder, boolean update)
            throws ConfFolderException, ConfFolderBusyException, IOException, GeneralSecurityException,
            InterruptedException {
        ImsaSettings settings = checked.settings();
        Document smtpTemplate = templates.load(ConfFiles.SMTP_SERVER);
        Document mailetTemplate = templates.load(ConfFiles.MAILET_CONTAINER);
        // The Connections screen's history is the generations: keep as many as it shows.
        int kept = settings.webAdmin().map(webAdmin -> webAdmin.historyVersions() - 1).orElse(keep);
        try (ConfPublisher publisher = ConfPublisher.open(confFolder, clock, lockWait, kept, hook)) {
            Source smtpServer = update ? existingOr(confFolder, ConfFiles.SMTP_SERVER, smtpTemplate)
                    : new Source(smtpTemplate, templates.describe(ConfFiles.SMTP_SERVER));
            Source mailetContainer = update ? existingOr(confFolder, ConfFiles.MAILET_CONTAINER, mailetTemplate)
                    : new Source(mailetTemplate, templates.describe(ConfFiles.MAILET_CONTAINER));
            String jvmProperties = update ? existingText(confFolder.resolve(ConfFiles.JVM_PROPERTIES)) : null;
            // The operator's extensions (a Docker image's, another project's) are kept without --update too.
            ExtensionsProperties.Rendered extensions = ExtensionsProperties.render(
                    existingText(confFolder.resolve(ConfFiles.EXTENSIONS_PROPERTIES)));

            try (ConfPublisher.Staging staged = publisher.stage()) {
                staged.write(ConfFiles.CONNECTION_CONTROL_LIST, ConnectionControlListFile.render(
                        checked.connectionControlEntries(), settings.connectionControl().policy(),
                        Printable.escape(settings.file().getFileName().toString())));
                String keystoreSecret = null;
                if (settings.incomingTls().enabled()) {
                    staged.write(ConfFiles.TLS_ONLY, TlsOnlyFile.render(settings.incomingTls().tlsOnly()));
                }
                if (checked.tlsMaterial().isPresent()) {
                    Optional<SmtpServerXml.CurrentKeystore> current = update
                            ? SmtpServerXml.currentKeystore(smtpServer.document, confFolder) : Optional.empty();
                    keystoreSecret = stageKeystore(checked.tlsMaterial().get(), current, staged);
                }
                new SmtpServerXml(settings, canonical(checked.relaySenders()), canonical(checked.trustedProxies()),
                        keystoreSecret).applyTo(smtpServer.document, smtpServer.name, smtpTemplate,
                        templates.describe(ConfFiles.SMTP_SERVER));
                new MailetContainerXml(settings.outgoingTls()).applyTo(mailetContainer.document, mailetContainer.name);
                staged.write(ConfFiles.MAILET_CONTAINER, XmlFiles.serialize(mailetContainer.document));
                staged.write(ConfFiles.JVM_PROPERTIES, JvmProperties.render(jvmProperties,
                        JvmProperties.ours(settings.smtpInterface().reverseDnsLookup(),
                                settings.incomingTls().engine())));
                staged.write(ConfFiles.EXTENSIONS_PROPERTIES, extensions.content);
                staged.write(ConfFiles.SMTP_SERVER, XmlFiles.serialize(smtpServer.document));
                List<String> replaced = ScreenChanges.replacedBy(publisher.currentGeneration(), staged::path);
                GenerationReport report = publisher.publish(staged);
                if (report.published().isPresent()) {
                    replaced.forEach(report::screenChangeReplaced);
                    extensions.change.ifPresent(report::operatorFileChanged);
                }
                if (settings.webAdmin().isPresent()) {
                    WebAdminProperties.write(settings.webAdmin().get(), publisher.confFolder());
                }
                return report;
            }
        }
    }

    /** Writes a keystore with a fresh secret; on update, the existing keystore instead if it serves the same identity. */
    private static String stageKeystore(TlsMaterial material, Optional<SmtpServerXml.CurrentKeystore> current,
                                        ConfPublisher.Staging staged) throws IOException, GeneralSecurityException {
        char[] secret = KeystoreSecret.generate();
        Path fresh = staged.path(ConfFiles.KEYSTORE);
        Pkcs12KeystoreWriter.write(material, secret, fresh);
        if (current.isPresent() && Files.isRegularFile(current.get().file)) {
            KeystoreIdentity currentIdentity = KeystoreIdentity.read(current.get().file,
                    current.get().secret.toCharArray());
            if (currentIdentity != null && currentIdentity.sameAs(KeystoreIdentity.read(fresh, secret))) {
                Files.delete(fresh);
                staged.write(ConfFiles.KEYSTORE, Files.readAllBytes(current.get().file));
                return current.get().secret;
            }
        }
        staged.seal(ConfFiles.KEYSTORE);
        return new String(secret);
    }

    private static Source existingOr(Path confFolder, String fileName, Document template) throws ConfFolderException,
            IOException {
        Path file = confFolder.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return new Source(template, file.toString());
        }
        try (InputStream input = Files.newInputStream(file)) {
            return new Source(XmlFiles.parse(input, file.toString()), file.toString());
        }
    }

    private static String existingText(Path file) throws IOException {
        return Files.isRegularFile(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : null;
    }

    private static List<String> canonical(List<ListEntry> entries) {
        return entries.stream().map(ListEntry::canonical).collect(Collectors.toList());
    }

    /** A document to edit and the name its errors are reported under. */
    private static final class Source {
        final Document document;
        final String name;

        Source(Document document, String name) {
            this.document = document;
            this.name = name;
        }
    }
}
