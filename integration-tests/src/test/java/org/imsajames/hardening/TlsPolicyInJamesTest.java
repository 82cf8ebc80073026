package org.imsajames.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.imsajames.james.FreePorts;
import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.james.JamesServerProcess;
import org.imsajames.james.SmtpClient;
import org.imsajames.james.TestKeystores;
import org.imsajames.settings.CipherSuites;
import org.imsajames.tls.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated TLS policy in a real James: TLS 1.3, and TLS 1.2 only with ECDHE and AES-GCM. James's JVM runs
 * with the same permissive java.security as this test's client (3DES, static RSA, anonymous and NULL suites and
 * TLS 1.1 all allowed), so a refusal comes from the generated smtpserver.xml, not from the JVM's defaults.
 * Here on the JDK engine ({@code tls.incoming.engine: jdk}); {@link TlsPolicyOnNativeEngineInJamesTest} runs the
 * same checks on the native one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsPolicyInJamesTest {
    private static final String CLIENT = "127.0.20.1";
    private static final char[] CONTROL_SECRET = "control".toCharArray();

    JamesServerProcess james;
    int port;
    String generatedSmtpServer;
    TestPki.ServerFiles pki;

    @BeforeAll
    void generateAndStart(@TempDir Path work) throws Exception {
        port = FreePorts.next();
        Path settingsDir = Files.createDirectories(work.resolve("settings"));
        pki = TestPki.writeServerFiles(Files.createDirectories(settingsDir.resolve("tls")), TestPki.KeyType.RSA,
            TestPki.KeyEncoding.PEM_PKCS8, null);
        Path settings = settingsDir.resolve("imsa.yaml");
        Files.writeString(settings, String.join("\n",
            "smtpInterface: {ipAddress: loopback, port: " + port + "}",
            "relay: {permittedSenders: [127.0.0.0/8]}",
            "tls:",
            "  incoming: {enabled: true, privateKey: tls/server.key, serverCertificate: tls/server.crt, engine: "
                + engine() + "}",
            ""));
        Path home = Files.createDirectories(work.resolve("james"));
        prepareExtensions(Files.createDirectories(home.resolve("extensions-jars")));
        Path conf = Files.createDirectories(home.resolve("conf"));
        ImsaJamesCommand.succeed(Map.of(), "generate", "--settings", settings.toString(), "--out", conf.toString());
        generatedSmtpServer = Files.readString(conf.resolve("smtpserver.xml"));

        james = JamesServerProcess.start(home, List.of("-Djava.security.properties=" + permissiveSecurityFile()));
    }

    /** The settings' tls.incoming.engine. */
    String engine() {
        return "jdk";
    }

    /** What goes into extensions-jars/ beside the drop-in jar. */
    void prepareExtensions(Path extensionsJars) throws IOException {
    }

    @Test
    void jamesLogsTheEngineItRunsOn() throws IOException {
        assertThat(james.log()).contains("Incoming TLS on the JDK's crypto (imsajames.tls.incoming.engine=jdk)");
    }

    @AfterAll
    void stop() throws Exception {
        if (james != null) {
            james.close();
        }
    }

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
            SSLSocket tls = client.startTls(TestKeystores.trustingClient(), socket ->
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
            SSLSocket tls = client.startTls(TestKeystores.trustingClient(), socket -> offerOnly(socket, "TLSv1.2", suite));

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
            assertThatThrownBy(() -> client.startTls(TestKeystores.trustingClient(), socket -> {
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
            try (SSLSocket client = (SSLSocket) TestKeystores.trustingClient()
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
