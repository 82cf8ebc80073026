package org.imsajames.tls;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Certificate validity dates against the clock: the server certificate must be valid now, the others should. */
final class ValidityCheck {

    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final Clock clock;

    ValidityCheck(Clock clock) {
        this.clock = clock;
    }

    /** Refuses a server certificate that is expired or not yet valid; warns when it expires soon. */
    void checkServerCertificate(String fileName, X509Certificate certificate, List<String> warnings)
            throws TlsMaterialException {
        Instant now = clock.instant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            throw new TlsMaterialException(fileName + ": the server certificate expired on " + notAfter);
        }
        if (now.isBefore(notBefore)) {
            throw new TlsMaterialException(fileName + ": the server certificate is not valid before " + notBefore
                    + " (now " + now + ")");
        }
        expiringSoon(fileName, "certificate", notAfter, now, warnings);
    }

    /** Only warns: an intermediate or CA certificate past its dates breaks clients that check the chain. */
    void checkChainCertificate(String fileName, X509Certificate certificate, List<String> warnings) {
        Instant now = clock.instant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        String what = "certificate " + certificate.getSubjectX500Principal().getName();
        if (now.isAfter(notAfter)) {
            warnings.add(fileName + ": " + what + " expired on " + notAfter);
        } else if (now.isBefore(notBefore)) {
            warnings.add(fileName + ": " + what + " is not valid before " + notBefore);
        } else {
            expiringSoon(fileName, what, notAfter, now, warnings);
        }
    }

    private static void expiringSoon(String fileName, String what, Instant notAfter, Instant now,
            List<String> warnings) {
        Duration left = Duration.between(now, notAfter);
        if (left.compareTo(EXPIRY_WARNING) < 0) {
            long days = left.toDays();
            String when = days == 0 ? "in less than a day" : days == 1 ? "in 1 day" : "in " + days + " days";
            warnings.add(fileName + ": " + what + " expires " + when + " (" + notAfter + ")");
        }
    }
}
