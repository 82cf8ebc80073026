package org.imsajames.webadmin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imsajames.generator.OwnedSmtpServer;

/**
 * Puts an earlier version's list, mode, TLS-only and certificate in force again, as a new audited version. James's
 * own files (smtpserver.xml: the keystore secret James started with) stay those of the current version, so the
 * earlier keystore must open with the current secret; one made by an earlier generate with another secret is
 * refused rather than published.
 */
final class Restore {
    private Restore() {
    }

    static Draft of(Snapshot current, Snapshot old) throws ApiError, IOException {
        Path keystore = old.folder().resolve(ConnectionsFiles.KEYSTORE);
        byte[] keystoreBytes = null;
        CertificateSummary certificate = current.certificate();
        if (Files.isRegularFile(keystore)) {
            String secret = current.keystoreSecret().orElse(null);
            certificate = CertificateSummary.of(old.folder(), secret);
            if (certificate == null) {
                throw new ApiError(409, "version " + old.version() + "'s keystore does not open with the secret of"
                    + " the smtpserver.xml in force (it was made by an earlier imsa-james generate): upload its key"
                    + " and certificate instead; nothing was changed");
            }
            keystoreBytes = Files.readAllBytes(keystore);
        }
        boolean tlsOnly = old.tlsOnly();
        if (tlsOnly && !current.tlsOnly()) {
            TlsOnlyRequirements.check(current);
        }
        Draft draft = new Draft(old.list(), tlsOnly, keystoreBytes, certificate, old.version(),
            List.of("restore of version " + old.version()));
        return withRestartOnlyValues(current, old, draft);
    }

    /**
     * The SMTP Interface, incoming TLS on/off and the relay's outgoing TLS of OLD, written into the current files
     * (the rest of them, e.g. the keystore secret, stays): like any save of them, in force at the next start.
     */
    private static Draft withRestartOnlyValues(Snapshot current, Snapshot old, Draft draft)
            throws ApiError, IOException {
        if (!old.restartOnly().differingFrom(current.restartOnly()).isEmpty() && old.smtp().hasServer()) {
            OwnedSmtpServer was = old.smtp().server();
            boolean incoming = old.smtp().startTls();
            boolean switchTls = incoming != current.smtp().startTls();
            OwnedSmtpServer.IncomingTls tls = !switchTls ? null
                : incoming ? IncomingTlsSwitch.unparked(current) : OwnedSmtpServer.IncomingTls.off();
            draft = draft.withServerFile(ConnectionsFiles.SMTP_SERVER, RestartOnlyEdit.smtpServer(current, server -> {
                OwnedSmtpServer restored = server.withBind(was.bindAddress(), was.port()).withLimits(
                    was.inactivityTimeoutSeconds(), was.maxConnections(), was.maxConnectionsPerIp(),
                    was.maxMessageSizeKb());
                return tls == null ? restored : restored.withIncomingTls(tls);
            }));
            if (switchTls) {
                draft = IncomingTlsSwitch.withParking(current, draft, incoming);
            }
        }
        if (old.outgoing().level() != current.outgoing().level()) {
            draft = draft.withServerFile(ConnectionsFiles.MAILET_CONTAINER,
                RestartOnlyEdit.relay(current, old.outgoing().level()));
        }
        return draft;
    }
}
