package org.imsajames.outgoing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
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

    /** A self-signed certificate that does name NAME: only the chain is wrong. */
    SSLContext selfSignedFor(String name) {
        KeyPair keys = TestPki.keyPair(TestPki.KeyType.EC);
        return TestPki.serverContext(keys.getPrivate(),
            TestPki.selfSignedServerCertificateFor(keys, name, notBefore, notBefore.plus(VALIDITY)));
    }
}
