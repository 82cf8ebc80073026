package org.imsajames.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.imsajames.testkit.TestPki.KeyEncoding;
import org.imsajames.testkit.TestPki.KeyType;
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

    @Test
    void privateKeyFilesAndKeystoresAreReadableByTheirOwnerOnly() throws Exception {
        TestPki.ServerFiles files = TestPki.writeServerFiles(dir, KeyType.EC, KeyEncoding.PEM_PKCS8, null);
        Path keystore = dir.resolve("keystore.p12");
        TestPki.writeSelfSignedKeystore(keystore, PASSWORD, "imsa-test");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKeyFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
    }

    @Test
    void selfSignedKeystoreHoldsTheKeyAndTheCertificateItReturns() throws Exception {
        Path file = dir.resolve("keystore.p12");
        X509Certificate returned = TestPki.writeSelfSignedKeystore(file, PASSWORD, "imsa-test");

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        assertThat(store.getCertificate("imsa-test")).isEqualTo(returned);
        assertThat(store.getKey("imsa-test", PASSWORD)).isNotNull();
        assertThat(returned.getSubjectAlternativeNames()).contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        returned.verify(returned.getPublicKey());
    }

    /** A real handshake: a client trusting only the CA, checking the host name as JavaMail does at level verify. */
    @Test
    void serverContextWithAnIssuedCertificatePassesHostNameVerificationForItsNamesOnly() throws Exception {
        Instant now = Instant.now();
        TestPki.Authority ca = TestPki.rootAuthority("test CA", KeyType.EC, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)));
        KeyPair keys = TestPki.keyPair(KeyType.EC);
        X509Certificate server = ca.issueServerCertificateFor(keys.getPublic(), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), "mx.good.test", "mx2.good.test");
        Path trust = dir.resolve("trust.p12");
        TestPki.writeTrustStore(trust, PASSWORD, ca.certificate());

        SSLContext serverContext = TestPki.serverContext(keys.getPrivate(), server, ca.certificate());
        assertThat(handshake(serverContext, trust, "mx2.good.test")).isNull();
        assertThat(handshake(serverContext, trust, "mx.other.test")).contains("No subject alternative DNS name");
        KeyPair selfKeys = TestPki.keyPair(KeyType.EC);
        SSLContext selfSigned = TestPki.serverContext(selfKeys.getPrivate(), TestPki.selfSignedServerCertificateFor(
                selfKeys, "mx.good.test", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))));
        assertThat(handshake(selfSigned, trust, "mx.good.test")).contains("PKIX path");
    }

    /** Null when a client trusting TRUST and verifying NAME completes a handshake; otherwise why not. */
    private static String handshake(SSLContext serverContext, Path trust, String name) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(trust)) {
            trusted.load(in, PASSWORD);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trustManagers.getTrustManagers(), null);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serverSide = new Thread(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                    accepted.getOutputStream().write(1);
                } catch (Exception expectedWhenTheClientRefuses) {
                    // the client's verdict is what the test reads
                }
            });
            serverSide.start();
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                SSLParameters parameters = client.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new SNIHostName(name)));
                client.setSSLParameters(parameters);
                client.setSoTimeout(10_000);
                client.startHandshake();
                assertThat(client.getInputStream().read()).isEqualTo(1);
                return null;
            } catch (SSLException e) {
                return String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " / " + e.getCause().getMessage());
            } finally {
                serverSide.join(10_000);
            }
        }
    }
}
