package org.imsajames.outgoing;

import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * What MTA-STS enforce asks of an MX certificate (RFC 8461 section 4.2), checked after the fact on a session that
 * may have trusted anything (testing mode delivers as usual): the chain leads to a CA of the JVM's trust store and
 * the certificate names the MX host (a DNS subject alternative name, exactly or as a "*." wildcard of one left-most
 * label; the CN only when there is no DNS name, as JavaMail's own check does).
 */
final class PeerCertificateCheck {
    private static final int DNS_NAME = 2;

    private final X509TrustManager trust;

    PeerCertificateCheck(X509TrustManager trust) {
        this.trust = trust;
    }

    static PeerCertificateCheck withJvmTrustStore() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager) {
                    return new PeerCertificateCheck((X509TrustManager) manager);
                }
            }
            throw new IllegalStateException("the JVM has no X.509 trust manager");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's trust store cannot be read: " + e.getMessage(), e);
        }
    }

    /** Empty when enforce would accept the session's certificate for MX_HOST; otherwise why not. */
    Optional<String> problem(SSLSession session, String mxHost) {
        X509Certificate[] chain;
        try {
            Certificate[] peer = session.getPeerCertificates();
            chain = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                chain[i] = (X509Certificate) peer[i];
            }
        } catch (SSLPeerUnverifiedException | ClassCastException e) {
            return Optional.of("no certificate");
        }
        return problem(chain, mxHost);
    }

    Optional<String> problem(X509Certificate[] chain, String mxHost) {
        if (chain.length == 0) {
            return Optional.of("no certificate");
        }
        try {
            // "UNKNOWN" is the authType the JDK itself passes for TLS 1.3 server certificates.
            trust.checkServerTrusted(chain, "UNKNOWN");
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.of("certificate not trusted (" + e.getMessage() + ")");
        }
        List<String> names = dnsNames(chain[0]);
        for (String name : names) {
            if (nameMatches(name, mxHost)) {
                return Optional.empty();
            }
        }
        return Optional.of("certificate for " + names + ", not for " + mxHost);
    }

    static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    if (alternative.size() == 2 && Integer.valueOf(DNS_NAME).equals(alternative.get(0))) {
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return names;
        }
        if (names.isEmpty()) {
            commonName(certificate.getSubjectX500Principal()).ifPresent(names::add);
        }
        return names;
    }

    private static Optional<String> commonName(X500Principal subject) {
        for (String part : subject.getName(X500Principal.RFC2253).split(",")) {
            if (part.regionMatches(true, 0, "CN=", 0, 3)) {
                return Optional.of(part.substring(3));
            }
        }
        return Optional.empty();
    }

    /** RFC 6125 6.4: exact, or "*." standing for exactly one left-most label. */
    static boolean nameMatches(String certificateName, String host) {
        String name = trimDot(certificateName.toLowerCase(Locale.ROOT));
        String target = trimDot(host.toLowerCase(Locale.ROOT));
        if (name.startsWith("*.")) {
            int dot = target.indexOf('.');
            return dot > 0 && target.substring(dot + 1).equals(name.substring(2));
        }
        return name.equals(target);
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
