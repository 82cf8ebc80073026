package org.imsajames.tls;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Each certificate of the chain should be issued by the next one. A break is only warned about: TLS still
 * works for clients that already know the missing link, but Java keeps only the linked part in the keystore.
 */
final class ChainOrderCheck {

    private ChainOrderCheck() {
    }

    static List<String> warnings(List<X509Certificate> chain) {
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate subject = chain.get(i);
            X509Certificate next = chain.get(i + 1);
            if (!subject.getIssuerX500Principal().equals(next.getSubjectX500Principal())
                    || !signedBy(subject, next)) {
                warnings.add("certificate chain: certificate " + (i + 2) + " (" + name(next) + ") did not issue"
                        + " certificate " + (i + 1) + " (" + name(subject) + "); keep the order server, intermediates,"
                        + " root, or clients may fail to build the chain");
            }
        }
        return warnings;
    }

    private static boolean signedBy(X509Certificate subject, X509Certificate issuer) {
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String name(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
