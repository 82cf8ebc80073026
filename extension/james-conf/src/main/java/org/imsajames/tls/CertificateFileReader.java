package org.imsajames.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Reads the X.509 certificates of a PEM file (in file order) or of a DER file (one certificate). */
final class CertificateFileReader {

    private final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();

    List<X509Certificate> read(Path file) throws TlsMaterialException {
        String name = TlsFile.name(file);
        byte[] content = TlsFile.read(file);
        List<X509CertificateHolder> holders;
        try {
            holders = TlsFile.isPem(content) ? pemCertificates(name, content) : List.of(derCertificate(name, content));
        } finally {
            // Some operators keep the key in the same PEM file.
            Arrays.fill(content, (byte) 0);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509CertificateHolder holder : holders) {
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new TlsMaterialException(name + ": certificate " + holder.getSubject()
                        + " cannot be read by Java", e);
            }
        }
        return certificates;
    }

    private static List<X509CertificateHolder> pemCertificates(String name, byte[] content)
            throws TlsMaterialException {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        boolean privateKeySeen = false;
        boolean pkcs7Seen = false;
        try (PEMParser parser = new PEMParser(
                new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder) {
                    certificates.add((X509CertificateHolder) object);
                } else if (object instanceof X509TrustedCertificateBlock) {
                    certificates.add(((X509TrustedCertificateBlock) object).getCertificateHolder());
                } else if (object instanceof ContentInfo) {
                    pkcs7Seen = true;
                } else if (object instanceof PEMKeyPair || object instanceof PEMEncryptedKeyPair
                        || object instanceof PrivateKeyInfo || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    privateKeySeen = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsMaterialException(name + ": not a valid PEM certificate file");
        }
        if (certificates.isEmpty()) {
            if (pkcs7Seen) {
                throw new TlsMaterialException(name + ": holds a PKCS#7 bundle; convert it to PEM certificates with"
                        + " 'openssl pkcs7 -print_certs -in " + name + "'");
            }
            throw new TlsMaterialException(name + (privateKeySeen
                    ? ": holds a private key, not a certificate"
                    : ": holds no certificate (expected BEGIN CERTIFICATE)"));
        }
        return certificates;
    }

    private static X509CertificateHolder derCertificate(String name, byte[] content) throws TlsMaterialException {
        if (!TlsFile.looksLikeDer(content)) {
            throw new TlsMaterialException(name + ": not a certificate (neither PEM nor DER)");
        }
        try {
            return new X509CertificateHolder(content);
        } catch (IOException | RuntimeException e) {
            throw new TlsMaterialException(name + ": not a DER certificate");
        }
    }
}
