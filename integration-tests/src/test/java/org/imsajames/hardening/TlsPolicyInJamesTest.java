package org.imsajames.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.settings.CipherSuites;
import org.imsajames.testkit.JamesExtension;
import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.TestPki;
import org.imsajames.testkit.TrustAllCertificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated TLS policy in a real James: TLS 1.3, and TLS 1.2 only with ECDHE and AES-GCM. James's JVM runs
 * with the same permissive java.security as this test's client (3DES, static RSA, anonymous and NULL suites and
 * TLS 1.1 all allowed), so a refusal comes from the generated smtpserver.xml, not from the JVM's defaults.
 * Run on each engine by its subclasses: {@link TlsPolicyOnJdkEngineInJamesTest} ({@code tls.incoming.engine: jdk}),
 * {@link TlsPolicyOnNativeEngineInJamesTest} and {@link TlsPolicyWithoutNativeLibraryInJamesTest}.
 */
abstract class TlsPolicyInJamesTest {
    private static final String CLIENT = "127.0.20.1";
    private static final char[] CONTROL_SECRET = "control".toCharArray();

    /** Written while the conf is generated, before James starts. */
    static String generatedSmtpServer;
    static TestPki.ServerFiles pki;

    /** A James on the generated conf with tls.incoming.engine ENGINE, and the native provider's jar when asked. */
    static JamesExtension jamesWithEngine(String engine, boolean withAccp) {
        return JamesExtension.withConf((home, port) -> {
            Path settingsDir = Files.createDirectories(home.resolve("settings"));
            pki = TestPki.writeServerFiles(Files.createDirectories(settingsDir.resolve("tls")), TestPki.KeyType.RSA,
                TestPki.KeyEncoding.PEM_PKCS8, null);
            Path settings = settingsDir.resolve("imsa.yaml");
            Files.writeString(settings, String.join("\n",
                "smtpInterface: {ipAddress: loopback, port: " + port + "}",
                "relay: {permittedSenders: [127.0.0.0/8]}",
                "tls:",
                "  incoming: {enabled: true, privateKey: tls/server.key, serverCertificate: tls/server.crt, engine: "
                    + engine + "}",
                ""));
            Path conf = Files.createDirectories(home.resolve("conf"));
            ImsaJamesCommand.succeed(Map.of(), "generate", "--settings", settings.toString(), "--out", conf.toString());
            generatedSmtpServer = Files.readString(conf.resolve("smtpserver.xml"));
            if (withAccp) {
                Path accp = Paths.get(System.getProperty("imsa.accp.jar"));
                Path extensions = Files.createDirectories(home.resolve("extensions-jars"));
                Files.copy(accp, extensions.resolve(accp.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }).jvmOptions("-Djava.security.properties=" + permissiveSecurityFile());
    }

    /** The subclass's James. */
    abstract JamesExtension james();

    int port;

    @BeforeEach
    void findPort() {
        port = james().port();
    }

    /** Which engine James says it runs on, as the subclass expects (each subclass marks it @Test). */
    abstract void jamesLogsTheEngineItRunsOn() throws IOException;

    @Test
    void theGeneratorWroteTheDefaultCipherPolicy() {
        StringBuilder expected = new StringBuilder();
        for (String suite : CipherSuites.DEFAULT) {
            expected.append("<cipherSuite>").append(suite).append("</cipherSuite>");
        }
        assertThat(generatedSmtpServer.replaceAll(">\\s+<", "><")).contains("<supportedCipherSuites>" + expected
            + "</supportedCipherSuites>");
    }

    @Test
    void tls13Succeeds() throws Exception {
        try (SmtpClient client = startTlsOffered()) {
            SSLSocket tls = client.startTls(TrustAllCertificates.socketFactory(), socket ->
                socket.setEnabledProtocols(new String[] {"TLSv1.3"}));

            assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(tls.getSession().getCipherSuite()).isIn(CipherSuites.DEFAULT);
            assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"})
    void tls12WithEcdheAndAesGcmSucceeds(String suite) throws Exception {
        try (SmtpClient client = startTlsOffered()) {
            SSLSocket tls = client.startTls(TrustAllCertificates.socketFactory(), socket -> offerOnly(socket, "TLSv1.2", suite));

            assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(tls.getSession().getCipherSuite()).isEqualTo(suite);
            assertThat(client.send("EHLO client.example").code()).isEqualTo("250");
            assertThat(client.send("MAIL FROM:<a@example.com>").code()).isEqualTo("250");
        }
    }

    @Test
    void tls11IsRefusedByTheServer() throws Exception {
        String suite = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";
        assertThat(negotiatedWithAPermissiveServer("TLSv1.1", suite))
            .as("precondition: this client can do TLS 1.1 with a server that allows it").isEqualTo(suite);

        assertRefusedByJames("TLSv1.1", suite, "protocol_version");
    }

    /**
     * SSL_RSA_WITH_3DES_EDE_CBC_SHA is JSSE's name for TLS_RSA_WITH_3DES_EDE_CBC_SHA. Checked by hand: with no
     * supportedCipherSuites in the generated file, James accepts the 3DES and static-RSA suites here; JSSE never
     * enables the anonymous and NULL ones by default, so for those the list is a second line of defence.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_NULL_SHA256"})
    void tls12WithOnlyAWeakSuiteIsRefusedByTheServer(String weakSuite) throws Exception {
        assertThat(negotiatedWithAPermissiveServer("TLSv1.2", weakSuite))
            .as("precondition: this client can negotiate %s with a server that allows it", weakSuite).isEqualTo(weakSuite);

        assertRefusedByJames("TLSv1.2", weakSuite, "handshake_failure");
    }

    private void assertRefusedByJames(String protocol, String suite, String alert) throws IOException {
        try (SmtpClient client = startTlsOffered()) {
            assertThatThrownBy(() -> client.startTls(TrustAllCertificates.socketFactory(), socket -> {
                offerOnly(socket, protocol, suite);
                assertThat(socket.getSupportedCipherSuites()).as("the client supports what it offers").contains(suite);
                assertThat(socket.getEnabledCipherSuites()).as("the client offers it").containsExactly(suite);
                assertThat(socket.getEnabledProtocols()).containsExactly(protocol);
            }))
                .as("%s with %s", protocol, suite)
                .isInstanceOf(IOException.class)
                // The alert comes from the server: the client did send its hello, James said no.
                .hasMessageContaining("Received fatal alert: " + alert);
        }
    }

    private SmtpClient startTlsOffered() throws IOException {
        SmtpClient client = SmtpClient.connect(CLIENT, port);
        assertThat(client.read().code()).isEqualTo("220");
        assertThat(client.send("EHLO client.example").has("STARTTLS")).isTrue();
        assertThat(client.send("STARTTLS").code()).isEqualTo("220");
        return client;
    }

    private static void offerOnly(SSLSocket socket, String protocol, String suite) {
        socket.setEnabledProtocols(new String[] {protocol});
        socket.setEnabledCipherSuites(new String[] {suite});
    }

    /** A JSSE server in this JVM (same java.security as James's) that allows exactly this protocol and suite. */
    private String negotiatedWithAPermissiveServer(String protocol, String suite) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", pki.serverKeyPair().getPrivate(), CONTROL_SECRET,
            new Certificate[] {pki.serverCertificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, CONTROL_SECRET);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
        ExecutorService acceptor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
            .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            offerOnly(server, protocol, suite);
            Future<?> accepted = acceptor.submit(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    socket.getOutputStream().write('x');
                }
                return null;
            });
            try (SSLSocket client = (SSLSocket) TrustAllCertificates.socketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                offerOnly(client, protocol, suite);
                client.startHandshake();
                assertThat(client.getInputStream().read()).isEqualTo('x');
                accepted.get(15, TimeUnit.SECONDS);
                return client.getSession().getCipherSuite();
            }
        } finally {
            acceptor.shutdownNow();
        }
    }

    private static void offerOnly(SSLServerSocket server, String protocol, String suite) {
        server.setEnabledProtocols(new String[] {protocol});
        server.setEnabledCipherSuites(new String[] {suite});
    }

    /** The file this test's JVM runs with (surefire argLine), so that James's JVM allows what the client offers. */
    private static String permissiveSecurityFile() {
        String file = System.getProperty("java.security.properties");
        assertThat(file).as("run through Maven: the test JVM needs its java.security override")
            .endsWith("legacy-tls-client.security");
        return file;
    }
}
