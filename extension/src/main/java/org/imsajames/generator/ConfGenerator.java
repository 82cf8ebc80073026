package org.imsajames.generator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.imsajames.policy.ListEntry;
import org.imsajames.settings.ImsaSettings;
import org.imsajames.tls.KeystoreSecret;
import org.imsajames.tls.Pkcs12KeystoreWriter;
import org.imsajames.tls.TlsMaterial;
import org.w3c.dom.Document;

/**
 * Turns checked settings into a James conf folder: smtpserver.xml, mailetcontainer.xml, the normalised
 * connection-control list and, with incoming TLS, the PKCS12 keystore. Everything is staged first and
 * moved into place only when all of it succeeded.
 *
 * <p>Without update the XML comes from the templates and the keystore gets a fresh random secret. With
 * update the conf folder's own XML files are edited (the templates fill in for missing ones), and an
 * existing keystore that already holds the same key and chain is kept with its secret, so updating twice
 * changes nothing.
 */
public final class ConfGenerator {
    private final Templates templates;
    private final Clock clock;

    public ConfGenerator(Templates templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    public GenerationReport generate(CheckedSettings checked, Path confFolder, boolean update)
            throws ConfFolderException, IOException, GeneralSecurityException {
        if (Files.exists(confFolder) && !Files.isDirectory(confFolder)) {
            throw new ConfFolderException(confFolder + ": not a folder");
        }
        ImsaSettings settings = checked.settings();
        Document smtpTemplate = templates.load(ConfFiles.SMTP_SERVER);
        Source smtpServer = update ? existingOr(confFolder, ConfFiles.SMTP_SERVER, smtpTemplate)
                : new Source(smtpTemplate, templates.describe(ConfFiles.SMTP_SERVER));
        Document mailetTemplate = templates.load(ConfFiles.MAILET_CONTAINER);
        Source mailetContainer = update ? existingOr(confFolder, ConfFiles.MAILET_CONTAINER, mailetTemplate)
                : new Source(mailetTemplate, templates.describe(ConfFiles.MAILET_CONTAINER));

        try (StagedConfFolder staged = StagedConfFolder.besides(confFolder)) {
            // Staged in dependency order: smtpserver.xml, which refers to the others, is moved in last.
            staged.write(ConfFiles.CONNECTION_CONTROL_LIST, ConnectionControlListFile.render(
                    checked.connectionControlList(), settings.connectionControl().policy(),
                    settings.file().getFileName().toString()));
            String keystoreSecret = null;
            if (checked.tlsMaterial().isPresent()) {
                Optional<String> currentSecret = update
                        ? SmtpServerXml.currentKeystoreSecret(smtpServer.document) : Optional.empty();
                keystoreSecret = stageKeystore(checked.tlsMaterial().get(), currentSecret, staged, confFolder);
            }
            new SmtpServerXml(settings, canonical(checked.relaySenders()), keystoreSecret)
                    .applyTo(smtpServer.document, smtpServer.name, smtpTemplate, templates.describe(ConfFiles.SMTP_SERVER));
            new MailetContainerXml(settings.outgoingTls()).applyTo(mailetContainer.document, mailetContainer.name);
            staged.write(ConfFiles.MAILET_CONTAINER, XmlFiles.serialize(mailetContainer.document));
            // It holds the keystore secret.
            staged.writeOwnerOnly(ConfFiles.SMTP_SERVER, XmlFiles.serialize(smtpServer.document));
            return staged.publishTo(confFolder, clock);
        }
    }

    /** Writes a keystore with a fresh secret; on update, the existing keystore instead if it serves the same identity. */
    private static String stageKeystore(TlsMaterial material, Optional<String> currentSecret, StagedConfFolder staged,
                                        Path confFolder) throws IOException, GeneralSecurityException {
        char[] secret = KeystoreSecret.generate();
        Path fresh = staged.stage(ConfFiles.KEYSTORE);
        Pkcs12KeystoreWriter.write(material, secret, fresh);
        Path current = confFolder.resolve(ConfFiles.KEYSTORE);
        if (currentSecret.isPresent() && Files.isRegularFile(current)) {
            KeystoreIdentity currentIdentity = KeystoreIdentity.read(current, currentSecret.get().toCharArray());
            if (currentIdentity != null && currentIdentity.sameAs(KeystoreIdentity.read(fresh, secret))) {
                Files.delete(fresh);
                staged.writeOwnerOnly(ConfFiles.KEYSTORE, Files.readAllBytes(current));
                return currentSecret.get();
            }
        }
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
