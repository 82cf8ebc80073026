package org.imsajames.outgoing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLContext;

import org.imsajames.testkit.TestPki;

/**
 * Keys and certificates for the test receivers, made with the test kit's PKI: a test CA (which James's JVM is told to
 * trust), server certificates it issues for a given DNS name, and self-signed ones. EC P-256, valid for two days.
 */
final class TestCertificates {
    /** Protects the trust store James reads (it holds no key, only the test CA). */
    static final String PASSWORD = "test-password";
    private static final Duration VALIDITY = Duration.ofDays(2);

    private final Path folder;
    private final TestPki.Authority ca;
    private final Instant notBefore = Instant.now().minus(Duration.ofHours(1));

    private TestCertificates(Path folder) {
        this.folder = folder;
        this.ca = TestPki.rootAuthority("imsa-james test CA", TestPki.KeyType.EC, notBefore, notBefore.plus(VALIDITY));
    }

    static TestCertificates createIn(Path folder) {
        return new TestCertificates(folder);
    }

    /** A PKCS12 trust store holding only the test CA, for James's -Djavax.net.ssl.trustStore. */
    Path trustStore() {
        Path trust = folder.resolve("trust.p12");
        if (!Files.exists(trust)) {
            TestPki.writeTrustStore(trust, PASSWORD.toCharArray(), ca.certificate());
        }
        return trust;
    }

    /** A server key with a certificate for DNS name NAME (and ALSO) issued by the test CA, sent with the CA's. */
    SSLContext issuedFor(String name, String... also) {
        KeyPair keys = TestPki.keyPair(TestPki.KeyType.EC);
        return TestPki.serverContext(keys.getPrivate(),
            ca.issueServerCertificateFor(keys.getPublic(), notBefore, notBefore.plus(VALIDITY), name, also),
            ca.certificate());
    }

    /**
     * As {@link #issuedFor}, as one PEM file (mode 0600) holding the key, then its certificate, then the CA's: what
     * Postfix's smtpd_tls_chain_files takes.
     */
    Path issuedPemFor(String name, String... also) throws IOException {
        KeyPair keys = TestPki.keyPair(TestPki.KeyType.EC);
        return pemChain(name, keys.getPrivate(),
            ca.issueServerCertificateFor(keys.getPublic(), notBefore, notBefore.plus(VALIDITY), name, also),
            ca.certificate());
    }

    /** As {@link #selfSignedFor}, as one PEM file (key, then certificate) for Postfix. */
    Path selfSignedPemFor(String name) throws IOException {
        KeyPair keys = TestPki.keyPair(TestPki.KeyType.EC);
        return pemChain("self-" + name, keys.getPrivate(),
            TestPki.selfSignedServerCertificateFor(keys, name, notBefore, notBefore.plus(VALIDITY)));
    }

    private Path pemChain(String name, PrivateKey key, X509Certificate... chain) throws IOException {
        Path keyFile = folder.resolve(name + ".key");
        Path certificates = folder.resolve(name + ".crt");
        TestPki.writeKey(keyFile, key, TestPki.KeyEncoding.PEM_PKCS8, null);
        TestPki.writeCertificates(certificates, TestPki.CertificateEncoding.PEM, chain);
        Path pem = folder.resolve(name + ".chain.pem");
        Files.deleteIfExists(pem);
        Files.createFile(pem, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pem, Files.readString(keyFile) + Files.readString(certificates));
        return pem;
    }

    /** A self-signed certificate that does name NAME: only the chain is wrong. */
    SSLContext selfSignedFor(String name) {
        KeyPair keys = TestPki.keyPair(TestPki.KeyType.EC);
        return TestPki.serverContext(keys.getPrivate(),
            TestPki.selfSignedServerCertificateFor(keys, name, notBefore, notBefore.plus(VALIDITY)));
    }
}
