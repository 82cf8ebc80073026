package org.imsajames.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.stream.Stream;

import org.assertj.core.api.AbstractThrowableAssert;
import org.imsajames.testkit.TestPki.Authority;
import org.imsajames.testkit.TestPki.CertificateEncoding;
import org.imsajames.testkit.TestPki.KeyEncoding;
import org.imsajames.testkit.TestPki.KeyType;
import org.imsajames.testkit.TestPki.ServerFiles;
import org.imsajames.testkit.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TlsMaterialLoaderTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant VALID_FROM = NOW.minus(Duration.ofDays(1));
    static final Instant VALID_UNTIL = NOW.plus(Duration.ofDays(365));
    static final String PASSWORD = "Tr0ub4dor&3-not-in-messages";

    private final TlsMaterialLoader loader = new TlsMaterialLoader(Clock.fixed(NOW, ZoneOffset.UTC));

    @TempDir
    Path dir;

    static Stream<Arguments> everyKeyTypeAndEncoding() {
        return Stream.of(KeyType.values())
                .flatMap(type -> Stream.of(KeyEncoding.values()).map(encoding -> Arguments.of(type, encoding)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyKeyTypeAndEncoding")
    void loadsEveryKeyEncodingWithTheChainServerThenCa(KeyType type, KeyEncoding encoding) throws Exception {
        ServerFiles files = serverFiles(type, encoding);

        TlsMaterial material = loader.load(files.privateKeyFile(), password(encoding), files.serverCertificateFile(),
                files.caCertificateFile());

        assertSameKey(material.privateKey(), files.serverKeyPair().getPrivate());
        assertThat(material.chain()).containsExactly(files.serverCertificate(), files.ca().certificate());
        assertThat(material.warnings()).isEmpty();
    }

    @Test
    void caCertificateIsOptional() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);

        TlsMaterial material = loader.load(files.privateKeyFile(), null, files.serverCertificateFile(), null);

        assertThat(material.chain()).containsExactly(files.serverCertificate());
        assertThat(material.warnings()).isEmpty();
    }

    @Test
    void readsDerCertificates() throws Exception {
        ServerFiles files = serverFiles(KeyType.RSA, KeyEncoding.DER_PKCS8);
        TestPki.writeCertificates(files.serverCertificateFile(), CertificateEncoding.DER, files.serverCertificate());
        TestPki.writeCertificates(files.caCertificateFile(), CertificateEncoding.DER, files.ca().certificate());

        TlsMaterial material = loader.load(files.privateKeyFile(), null, files.serverCertificateFile(),
                files.caCertificateFile());

        assertThat(material.chain()).containsExactly(files.serverCertificate(), files.ca().certificate());
    }

    @Test
    void keepsIntermediatesFromTheCertificateFileBeforeTheCa() throws Exception {
        Authority root = TestPki.rootAuthority("Root", KeyType.EC, VALID_FROM, VALID_UNTIL);
        Authority intermediate = root.intermediate("Intermediate", KeyType.RSA, VALID_FROM, VALID_UNTIL);
        KeyPair keys = TestPki.keyPair(KeyType.EC);
        X509Certificate server = intermediate.issueServerCertificate(keys.getPublic(), VALID_FROM, VALID_UNTIL);
        Path key = writeKey(keys.getPrivate());
        Path certificates = dir.resolve("server.crt");
        TestPki.writeCertificates(certificates, CertificateEncoding.PEM, server, intermediate.certificate());
        Path ca = dir.resolve("ca.crt");
        TestPki.writeCertificates(ca, CertificateEncoding.PEM, root.certificate());

        TlsMaterial material = loader.load(key, null, certificates, ca);

        assertThat(material.chain()).containsExactly(server, intermediate.certificate(), root.certificate());
        assertThat(material.warnings()).isEmpty();
    }

    @Test
    void aCertificateInBothFilesIsInTheChainOnce() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);
        TestPki.writeCertificates(files.serverCertificateFile(), CertificateEncoding.PEM, files.serverCertificate(),
                files.ca().certificate());

        TlsMaterial material = loader.load(files.privateKeyFile(), null, files.serverCertificateFile(),
                files.caCertificateFile());

        assertThat(material.chain()).containsExactly(files.serverCertificate(), files.ca().certificate());
    }

    @Test
    void acceptsASelfSignedServerCertificate() throws Exception {
        KeyPair keys = TestPki.keyPair(KeyType.RSA);
        X509Certificate server = TestPki.selfSignedServerCertificate(keys, VALID_FROM, VALID_UNTIL);
        Path certificate = dir.resolve("server.crt");
        TestPki.writeCertificates(certificate, CertificateEncoding.PEM, server);

        TlsMaterial material = loader.load(writeKey(keys.getPrivate()), null, certificate, null);

        assertThat(material.chain()).containsExactly(server);
    }

    // --- refused ---

    @Test
    void refusesAMissingKeyFile() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);

        assertRefused(dir.resolve("absent.key"), null, files.serverCertificateFile(), null)
                .hasMessageStartingWith("absent.key: file not found");
    }

    @Test
    void refusesAKeyFileThatIsAFolder() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);
        Path folder = Files.createDirectory(dir.resolve("keys"));

        assertRefused(folder, null, files.serverCertificateFile(), null)
                .hasMessageStartingWith("keys: not a regular file");
    }

    @Test
    void refusesAKeyFileThatHoldsNoKey() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);
        Files.writeString(files.privateKeyFile(), "this is not a key\n");

        assertRefused(files.privateKeyFile(), null, files.serverCertificateFile(), null)
                .hasMessageStartingWith("server.key: not a private key");
    }

    @Test
    void refusesAPemFileWithoutAKeyBlock() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);
        Files.writeString(files.privateKeyFile(), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(files.serverKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");

        assertRefused(files.privateKeyFile(), null, files.serverCertificateFile(), null)
                .hasMessageStartingWith("server.key: holds no private key");
    }

    @Test
    void refusesABrokenPemKey() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);
        Files.writeString(files.privateKeyFile(),
                "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n");

        assertRefused(files.privateKeyFile(), null, files.serverCertificateFile(), null)
                .hasMessageStartingWith("server.key: not a valid PEM private key file");
    }

    @ParameterizedTest
    @EnumSource(CertificateEncoding.class)
    void refusesACertificateGivenAsTheKey(CertificateEncoding encoding) throws Exception {
        ServerFiles files = serverFiles(KeyType.RSA, KeyEncoding.PEM_PKCS8);
        TestPki.writeCertificates(files.privateKeyFile(), encoding, files.serverCertificate());

        assertRefused(files.privateKeyFile(), null, files.serverCertificateFile(), null)
                .hasMessage("server.key: holds a certificate, not a private key");
    }

    @Test
    void refusesAMissingCertificateFile() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);

        assertRefused(files.privateKeyFile(), null, dir.resolve("absent.crt"), null)
                .hasMessageStartingWith("absent.crt: file not found");
        assertRefused(files.privateKeyFile(), null, files.serverCertificateFile(), dir.resolve("absent-ca.crt"))
                .hasMessageStartingWith("absent-ca.crt: file not found");
    }

    @Test
    void refusesACertificateFileThatHoldsNoCertificate() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);
        Files.writeString(files.serverCertificateFile(), "hello\n");
        Files.write(files.caCertificateFile(), new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});

        assertRefused(files.privateKeyFile(), null, files.serverCertificateFile(), null)
                .hasMessage("server.crt: not a certificate (neither PEM nor DER)");
        TestPki.writeCertificates(files.serverCertificateFile(), CertificateEncoding.PEM, files.serverCertificate());
        assertRefused(files.privateKeyFile(), null, files.serverCertificateFile(), files.caCertificateFile())
                .hasMessage("ca.crt: not a DER certificate");
    }

    @Test
    void refusesAKeyGivenAsTheCertificate() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);

        assertRefused(files.privateKeyFile(), null, files.privateKeyFile(), null)
                .hasMessage("server.key: holds a private key, not a certificate");
    }

    @ParameterizedTest
    @EnumSource(value = KeyEncoding.class, names = {"PEM_TRADITIONAL_ENCRYPTED", "PEM_PKCS8_ENCRYPTED",
        "DER_PKCS8_ENCRYPTED"})
    void refusesAnEncryptedKeyWithoutPassword(KeyEncoding encoding) throws Exception {
        ServerFiles files = serverFiles(KeyType.RSA, encoding);

        assertRefused(files.privateKeyFile(), null, files.serverCertificateFile(), null)
                .hasMessage("server.key is encrypted: set tls.incoming.privateKeyPassword");
        assertRefused(files.privateKeyFile(), new char[0], files.serverCertificateFile(), null)
                .hasMessage("server.key is encrypted: set tls.incoming.privateKeyPassword");
    }

    @ParameterizedTest
    @EnumSource(value = KeyEncoding.class, names = {"PEM_TRADITIONAL_ENCRYPTED", "PEM_PKCS8_ENCRYPTED",
        "DER_PKCS8_ENCRYPTED"})
    void refusesAWrongPasswordWithAClearMessage(KeyEncoding encoding) throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, encoding);
        char[] wrong = (PASSWORD + "-wrong").toCharArray();

        assertRefused(files.privateKeyFile(), wrong, files.serverCertificateFile(), null)
                .hasMessage("server.key: cannot decrypt the private key: wrong password in "
                        + "tls.incoming.privateKeyPassword, or the file is damaged")
                .hasNoCause();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void refusesAKeyThatDoesNotMatchTheCertificate(KeyType type) throws Exception {
        ServerFiles files = serverFiles(type, KeyEncoding.PEM_PKCS8);
        Path otherKey = writeKey(TestPki.keyPair(type).getPrivate());

        assertRefused(otherKey, null, files.serverCertificateFile(), files.caCertificateFile())
                .hasMessage("other.key does not match the server certificate in server.crt (CN=localhost)");
    }

    @Test
    void refusesAnEcKeyForAnRsaCertificate() throws Exception {
        ServerFiles files = serverFiles(KeyType.RSA, KeyEncoding.PEM_PKCS8);
        Path ecKey = writeKey(TestPki.keyPair(KeyType.EC).getPrivate());

        assertRefused(ecKey, null, files.serverCertificateFile(), null)
                .hasMessage("other.key does not match the server certificate in server.crt (CN=localhost)");
    }

    @Test
    void refusesACertificateFileWhereTheServerCertificateIsNotFirst() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);
        TestPki.writeCertificates(files.serverCertificateFile(), CertificateEncoding.PEM, files.ca().certificate(),
                files.serverCertificate());

        assertRefused(files.privateKeyFile(), null, files.serverCertificateFile(), null)
                .hasMessage("server.crt: server.key belongs to certificate 2 of the file (CN=localhost);"
                        + " the server certificate must come first");
    }

    @Test
    void refusesAnExpiredServerCertificate() throws Exception {
        Instant expiry = NOW.minus(Duration.ofDays(2));
        ServerFiles files = TestPki.writeServerFiles(dir, KeyType.EC, KeyEncoding.PEM_PKCS8, null,
                expiry.minus(Duration.ofDays(90)), expiry);

        assertRefused(files.privateKeyFile(), null, files.serverCertificateFile(), files.caCertificateFile())
                .hasMessage("server.crt: the server certificate expired on " + expiry);
    }

    @Test
    void refusesAServerCertificateNotYetValid() throws Exception {
        Instant start = NOW.plus(Duration.ofHours(3));
        ServerFiles files = TestPki.writeServerFiles(dir, KeyType.RSA, KeyEncoding.PEM_PKCS8, null, start,
                start.plus(Duration.ofDays(90)));

        assertRefused(files.privateKeyFile(), null, files.serverCertificateFile(), null)
                .hasMessage("server.crt: the server certificate is not valid before " + start + " (now " + NOW + ")");
    }

    @Test
    void refusesAnUnsupportedKeyType() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);
        Path key = dir.resolve("dsa.key");
        TestPki.writeKey(key, dsa.generateKeyPair().getPrivate(), KeyEncoding.DER_PKCS8, null);

        assertRefused(key, null, files.serverCertificateFile(), null)
                .hasMessage("dsa.key: unsupported key type (algorithm 1.2.840.10040.4.1); use an RSA or EC key");
    }

    // --- warned ---

    @Test
    void warnsWhenTheServerCertificateExpiresWithin30Days() throws Exception {
        Instant expiry = NOW.plus(Duration.ofDays(12)).plus(Duration.ofHours(5));
        ServerFiles files = TestPki.writeServerFiles(dir, KeyType.EC, KeyEncoding.PEM_PKCS8, null,
                NOW.minus(Duration.ofDays(80)), expiry);

        TlsMaterial material = loader.load(files.privateKeyFile(), null, files.serverCertificateFile(),
                files.caCertificateFile());

        assertThat(material.warnings()).containsExactly("server.crt: certificate expires in 12 days (" + expiry + ")");
    }

    @Test
    void doesNotWarnAboutACertificateValidForMoreThan30Days() throws Exception {
        ServerFiles files = TestPki.writeServerFiles(dir, KeyType.EC, KeyEncoding.PEM_PKCS8, null,
                NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(31)));

        TlsMaterial material = loader.load(files.privateKeyFile(), null, files.serverCertificateFile(),
                files.caCertificateFile());

        assertThat(material.warnings()).isEmpty();
    }

    @Test
    void warnsAboutAnExpiredCaCertificateWithoutRefusing() throws Exception {
        Authority oldCa = TestPki.rootAuthority("Old CA", KeyType.EC, NOW.minus(Duration.ofDays(900)),
                NOW.minus(Duration.ofDays(10)));
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);
        TestPki.writeCertificates(files.caCertificateFile(), CertificateEncoding.PEM, oldCa.certificate());

        TlsMaterial material = loader.load(files.privateKeyFile(), null, files.serverCertificateFile(),
                files.caCertificateFile());

        assertThat(material.chain()).hasSize(2);
        assertThat(material.warnings()).contains("ca.crt: certificate CN=Old CA expired on "
                + oldCa.certificate().getNotAfter().toInstant());
    }

    @Test
    void warnsWhenTheCaCertificateDidNotIssueTheServerCertificate() throws Exception {
        ServerFiles files = serverFiles(KeyType.EC, KeyEncoding.PEM_PKCS8);
        Authority stranger = TestPki.rootAuthority("Stranger CA", KeyType.EC, VALID_FROM, VALID_UNTIL);
        TestPki.writeCertificates(files.caCertificateFile(), CertificateEncoding.PEM, stranger.certificate());

        TlsMaterial material = loader.load(files.privateKeyFile(), null, files.serverCertificateFile(),
                files.caCertificateFile());

        assertThat(material.warnings()).containsExactly("certificate chain: certificate 2 (CN=Stranger CA) did not"
                + " issue certificate 1 (CN=localhost); keep the order server, intermediates, root, or clients may"
                + " fail to build the chain");
    }

    @Test
    void warnsAboutIntermediatesInTheWrongOrder() throws Exception {
        Authority root = TestPki.rootAuthority("Root", KeyType.EC, VALID_FROM, VALID_UNTIL);
        Authority intermediate = root.intermediate("Intermediate", KeyType.EC, VALID_FROM, VALID_UNTIL);
        KeyPair keys = TestPki.keyPair(KeyType.EC);
        X509Certificate server = intermediate.issueServerCertificate(keys.getPublic(), VALID_FROM, VALID_UNTIL);
        Path certificates = dir.resolve("server.crt");
        TestPki.writeCertificates(certificates, CertificateEncoding.PEM, server, root.certificate(),
                intermediate.certificate());

        TlsMaterial material = loader.load(writeKey(keys.getPrivate()), null, certificates, null);

        assertThat(material.warnings()).hasSize(2).allMatch(warning -> warning.startsWith("certificate chain:"));
    }

    @Test
    void warnsWhenAPasswordIsGivenForAClearKey() throws Exception {
        ServerFiles files = serverFiles(KeyType.RSA, KeyEncoding.PEM_TRADITIONAL);

        TlsMaterial material = loader.load(files.privateKeyFile(), PASSWORD.toCharArray(),
                files.serverCertificateFile(), null);

        assertThat(material.warnings())
                .containsExactly("server.key is not encrypted: tls.incoming.privateKeyPassword is not needed");
    }

    // --- secrets ---

    @ParameterizedTest
    @EnumSource(value = KeyEncoding.class, names = {"PEM_TRADITIONAL_ENCRYPTED", "PEM_PKCS8_ENCRYPTED",
        "DER_PKCS8_ENCRYPTED"})
    void noRefusalEverShowsThePassword(KeyEncoding encoding) throws Exception {
        ServerFiles files = serverFiles(KeyType.RSA, encoding);
        Path strangerKey = dir.resolve("stranger.key");
        TestPki.writeKey(strangerKey, TestPki.keyPair(KeyType.RSA).getPrivate(), encoding, PASSWORD.toCharArray());
        char[] wrong = ("x" + PASSWORD).toCharArray();

        assertNoPasswordIn(refusal(files.privateKeyFile(), wrong, files.serverCertificateFile()), wrong);
        assertNoPasswordIn(refusal(strangerKey, PASSWORD.toCharArray(), files.serverCertificateFile()),
                PASSWORD.toCharArray());
        assertNoPasswordIn(refusal(files.privateKeyFile(), PASSWORD.toCharArray(), files.privateKeyFile()),
                PASSWORD.toCharArray());
    }

    @Test
    void materialDescriptionHoldsNoKey() throws Exception {
        ServerFiles files = serverFiles(KeyType.RSA, KeyEncoding.PEM_PKCS8);

        TlsMaterial material = loader.load(files.privateKeyFile(), null, files.serverCertificateFile(), null);

        RSAPrivateKey key = (RSAPrivateKey) material.privateKey();
        assertThat(material.toString())
                .contains("RSA", "CN=localhost")
                .doesNotContain(key.getPrivateExponent().toString())
                .doesNotContain(key.getPrivateExponent().toString(16))
                .doesNotContain(Base64.getEncoder().encodeToString(key.getEncoded()).substring(0, 40));
    }

    // --- helpers ---

    private ServerFiles serverFiles(KeyType type, KeyEncoding encoding) {
        return TestPki.writeServerFiles(dir, type, encoding, password(encoding), VALID_FROM, VALID_UNTIL);
    }

    private static char[] password(KeyEncoding encoding) {
        return encoding.isEncrypted() ? PASSWORD.toCharArray() : null;
    }

    private Path writeKey(PrivateKey key) {
        Path file = dir.resolve("other.key");
        TestPki.writeKey(file, key, KeyEncoding.PEM_PKCS8, null);
        return file;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path key,
            char[] password, Path certificate, Path ca) {
        return assertThatThrownBy(() -> loader.load(key, password, certificate, ca))
                .isInstanceOf(TlsMaterialException.class);
    }

    private TlsMaterialException refusal(Path key, char[] password, Path certificate) {
        try {
            loader.load(key, password, certificate, null);
        } catch (TlsMaterialException e) {
            return e;
        }
        throw new AssertionError("expected a refusal for " + key);
    }

    private static void assertNoPasswordIn(TlsMaterialException refusal, char[] password) {
        String secret = new String(password);
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            assertThat(t.toString()).doesNotContain(secret);
        }
    }

    private static void assertSameKey(PrivateKey actual, PrivateKey expected) {
        assertThat(actual.getAlgorithm()).isEqualTo(expected.getAlgorithm());
        if (expected instanceof RSAPrivateKey) {
            assertThat(((RSAPrivateKey) actual).getModulus()).isEqualTo(((RSAPrivateKey) expected).getModulus());
            assertThat(((RSAPrivateKey) actual).getPrivateExponent())
                    .isEqualTo(((RSAPrivateKey) expected).getPrivateExponent());
        } else {
            assertThat(((ECPrivateKey) actual).getS()).isEqualTo(((ECPrivateKey) expected).getS());
            assertThat(((ECPrivateKey) actual).getParams().getCurve())
                    .isEqualTo(((ECPrivateKey) expected).getParams().getCurve());
        }
    }
}
