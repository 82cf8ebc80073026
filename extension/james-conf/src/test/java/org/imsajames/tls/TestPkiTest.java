package org.imsajames.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.imsajames.tls.TestPki.KeyEncoding;
import org.imsajames.tls.TestPki.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fixture writes what it claims: the loader tests are only as good as these files. */
class TestPkiTest {

    private static final char[] PASSWORD = "fixture-password".toCharArray();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "RSA, PEM_TRADITIONAL, -----BEGIN RSA PRIVATE KEY-----",
        "EC, PEM_TRADITIONAL, -----BEGIN EC PRIVATE KEY-----",
        "RSA, PEM_TRADITIONAL_ENCRYPTED, Proc-Type: 4,ENCRYPTED",
        "EC, PEM_TRADITIONAL_ENCRYPTED, Proc-Type: 4,ENCRYPTED",
        "RSA, PEM_PKCS8, -----BEGIN PRIVATE KEY-----",
        "EC, PEM_PKCS8, -----BEGIN PRIVATE KEY-----",
        "RSA, PEM_PKCS8_ENCRYPTED, -----BEGIN ENCRYPTED PRIVATE KEY-----",
        "EC, PEM_PKCS8_ENCRYPTED, -----BEGIN ENCRYPTED PRIVATE KEY-----",
    })
    void pemKeysHaveTheHeaderOfTheirEncoding(KeyType type, KeyEncoding encoding, String header) throws Exception {
        Path file = dir.resolve("key.pem");
        TestPki.writeKey(file, TestPki.keyPair(type).getPrivate(), encoding, encoding.isEncrypted() ? PASSWORD : null);

        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).contains(header);
    }

    @Test
    void derKeysAreBinary() throws Exception {
        Path file = dir.resolve("key.der");
        TestPki.writeKey(file, TestPki.keyPair(KeyType.EC).getPrivate(), KeyEncoding.DER_PKCS8_ENCRYPTED, PASSWORD);

        byte[] content = Files.readAllBytes(file);
        assertThat(content[0]).isEqualTo((byte) 0x30);
        assertThat(new String(content, StandardCharsets.US_ASCII)).doesNotContain("-----BEGIN");
    }

    @Test
    void serverCertificateIsSignedByTheCaAndNamesLocalhost() throws Exception {
        TestPki.ServerFiles files = TestPki.writeServerFiles(dir, KeyType.RSA, KeyEncoding.PEM_PKCS8, null);

        X509Certificate server = files.serverCertificate();
        server.verify(files.ca().certificate().getPublicKey());
        assertThat(server.getPublicKey()).isEqualTo(files.serverKeyPair().getPublic());
        assertThat(server.getSubjectAlternativeNames())
                .contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(files.ca().certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(files.privateKeyFile()).exists().hasFileName("server.key");
        assertThat(files.serverCertificateFile()).exists().hasFileName("server.crt");
        assertThat(files.caCertificateFile()).exists().hasFileName("ca.crt");
    }

    @Test
    void validityIsTheOneAskedFor() {
        Instant notBefore = Instant.parse("2020-01-01T00:00:00Z");
        Instant notAfter = Instant.parse("2021-01-01T00:00:00Z");
        TestPki.ServerFiles files = TestPki.writeServerFiles(dir, KeyType.EC, KeyEncoding.PEM_PKCS8, null,
                notBefore, notAfter);

        assertThat(files.serverCertificate().getNotBefore().toInstant()).isEqualTo(notBefore);
        assertThat(files.serverCertificate().getNotAfter().toInstant()).isEqualTo(notAfter);
        assertThat(files.ca().certificate().getNotAfter().toInstant()).isAfter(notAfter.plus(Duration.ofDays(365)));
    }
}
