package org.imsajames.webadmin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server certificate of a generation's keystore as the screen shows it: subject, issuer, expiry, SHA-256
 * fingerprint. Nothing about the key.
 */
final class CertificateSummary {
    private final String subject;
    private final String issuer;
    private final String notAfter;
    private final String sha256;

    CertificateSummary(X509Certificate certificate) throws GeneralSecurityException {
        this.subject = certificate.getSubjectX500Principal().getName();
        this.issuer = certificate.getIssuerX500Principal().getName();
        this.notAfter = certificate.getNotAfter().toInstant().toString();
        this.sha256 = fingerprint(certificate);
    }

    /** Null when the generation has no keystore or it does not open with SECRET. */
    static CertificateSummary of(Path generation, String secret) {
        Path file = generation.resolve(ConnectionsFiles.KEYSTORE);
        if (secret == null || !Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, secret.toCharArray());
            X509Certificate server = serverCertificate(keyStore);
            return server == null ? null : new CertificateSummary(server);
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    static X509Certificate serverCertificate(KeyStore keyStore) throws GeneralSecurityException {
        Enumeration<String> aliases = keyStore.aliases();
        while (aliases.hasMoreElements()) {
            String alias = aliases.nextElement();
            if (keyStore.isKeyEntry(alias)) {
                Certificate[] chain = keyStore.getCertificateChain(alias);
                if (chain != null && chain.length > 0 && chain[0] instanceof X509Certificate) {
                    return (X509Certificate) chain[0];
                }
            }
        }
        return null;
    }

    static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        StringBuilder text = new StringBuilder(digest.length * 3);
        for (byte b : digest) {
            if (text.length() > 0) {
                text.append(':');
            }
            text.append(String.format("%02X", b & 0xff));
        }
        return text.toString();
    }

    String sha256() {
        return sha256;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", subject);
        json.put("issuer", issuer);
        json.put("notAfter", notAfter);
        json.put("sha256", sha256);
        return json;
    }
}
