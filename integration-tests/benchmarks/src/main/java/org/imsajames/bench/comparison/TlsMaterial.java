package org.imsajames.bench.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.imsajames.testkit.TestPki;

/**
 * One self-signed key and certificate for localhost, RSA-2048 or ECDSA P-256 (the test kit's PKI, no openssl), in the
 * form each server reads: PEM files for Postfix, a PKCS12 keystore for James. Both servers therefore do the same
 * handshake work.
 */
final class TlsMaterial {
    final Path key;
    final Path certificate;
    final Path keystore;
    final String secret;

    private TlsMaterial(Path key, Path certificate, Path keystore, String secret) {
        this.key = key;
        this.certificate = certificate;
        this.keystore = keystore;
        this.secret = secret;
    }

    /** The certificate's key. */
    enum KeyType {
        RSA_2048(TestPki.KeyType.RSA), EC_P256(TestPki.KeyType.EC);

        final TestPki.KeyType pki;

        KeyType(TestPki.KeyType pki) {
            this.pki = pki;
        }
    }

    static TlsMaterial create(Path folder) throws IOException {
        return create(folder, KeyType.RSA_2048);
    }

    static TlsMaterial create(Path folder, KeyType type) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Path key = folder.resolve("key.pem");
        Path certificate = folder.resolve("cert.pem");
        Path keystore = folder.resolve("keystore.p12");
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        KeyPair keys = TestPki.keyPair(type.pki);
        Instant now = Instant.now();
        X509Certificate self = TestPki.selfSignedServerCertificate(keys, now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(30)));
        TestPki.writeKey(key, keys.getPrivate(), TestPki.KeyEncoding.PEM_PKCS8, null);
        TestPki.writeCertificates(certificate, TestPki.CertificateEncoding.PEM, self);
        TestPki.writePkcs12(keystore, secret.toCharArray(), "bench", keys.getPrivate(), self);
        return new TlsMaterial(key, certificate, keystore, secret);
    }
}
