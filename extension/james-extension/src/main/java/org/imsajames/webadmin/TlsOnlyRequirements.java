package org.imsajames.webadmin;

/**
 * "Only accept SMTP connection by TLS" needs a way in: STARTTLS on with a certificate, and TlsOnlyHandler in the
 * handler chain with its watched state file (smtpserver.xml, read at start). Otherwise turning it on is refused,
 * as {@code imsa-james check} refuses tlsOnly without a key and certificate.
 */
final class TlsOnlyRequirements {
    private TlsOnlyRequirements() {
    }

    static void check(Snapshot current) throws ApiError {
        if (!current.smtp().startTls() || current.certificate() == null) {
            throw ApiError.badRequest("tls.incoming.tlsOnly needs incoming TLS with a private key and certificate:"
                + " upload them first; nothing was changed");
        }
        if (!current.smtp().tlsOnlyHandler()) {
            throw ApiError.badRequest("tls.incoming.tlsOnly: TlsOnlyHandler is not in smtpserver.xml's handler chain"
                + " (a conf generated before the screen existed): run imsa-james generate --update and restart"
                + " James once; nothing was changed");
        }
    }
}
