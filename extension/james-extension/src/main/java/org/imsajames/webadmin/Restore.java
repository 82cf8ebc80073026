package org.imsajames.webadmin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
            String secret = current.smtp().keystoreSecret().orElse(null);
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
        return new Draft(old.list(), tlsOnly, keystoreBytes, certificate, old.version(),
            List.of("restore of version " + old.version()));
    }
}
