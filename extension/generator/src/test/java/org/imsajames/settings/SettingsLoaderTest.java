package org.imsajames.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imsajames.policy.PolicyMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path folder;

    private final SettingsLoader loader = new SettingsLoader(Map.of("IMSA_KEY_PASSWORD", "s3cret-pw")::get);

    @Test
    void anEmptyFileGivesIMSADefaults() throws Exception {
        ImsaSettings settings = loader.load(write("settings.yaml", ""));

        assertThat(settings.smtpInterface().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.smtpInterface().port()).isEqualTo(25);
        assertThat(settings.smtpInterface().inactivityTimeoutMinutes()).isEqualTo(5);
        assertThat(settings.smtpInterface().maxConnections()).isZero();
        assertThat(settings.connectionControl().policy()).isEqualTo(PolicyMode.ACCEPT_ALL_EXCEPT);
        assertThat(settings.connectionControl().entries()).isEmpty();
        assertThat(settings.permittedRelaySenders()).isEmpty();
        assertThat(settings.incomingTls().enabled()).isFalse();
        assertThat(settings.incomingTls().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(settings.incomingTls().cipherSuites()).isEqualTo(CipherSuites.DEFAULT);
        assertThat(settings.outgoingTls().enabled()).isFalse();
        assertThat(settings.outgoingTls().mode()).isEqualTo(OutgoingTlsMode.OPPORTUNISTIC);
    }

    @Test
    void readsEverySetting() throws Exception {
        write("lists/cc.txt", "10.0.0.0/8\n");
        write("tls/server.key", "key");
        write("tls/server.crt", "crt");
        write("tls/ca.crt", "ca");
        Path file = write("settings.yaml", String.join("\n",
                "smtpInterface:",
                "  ipAddress: loopback",
                "  port: 2525",
                "  inactivityTimeoutMinutes: 3",
                "  maxConnections: 100",
                "  maxConnectionsPerIp: 5",
                "  maxMessageSizeKb: 10240",
                "connectionControl:",
                "  policy: deny-all-except",
                "  entries:",
                "    - 192.168.1.1",
                "    - 192.168.2.0:255.255.255.0",
                "  importFiles: [lists/cc.txt]",
                "relay:",
                "  permittedSenders: [127.0.0.1, '10.1.0.0/16']",
                "tls:",
                "  incoming:",
                "    enabled: true",
                "    tlsOnly: yes",
                "    privateKey: tls/server.key",
                "    privateKeyPassword: env:IMSA_KEY_PASSWORD",
                "    serverCertificate: tls/server.crt",
                "    caCertificate: tls/ca.crt",
                "    protocols: [TLSv1.3]",
                "  outgoing:",
                "    enabled: true",
                "    mode: verify",
                "    gateway: smtp.example.net:587",
                "    verifyServerIdentity: true",
                ""));

        ImsaSettings settings = loader.load(file);

        assertThat(settings.smtpInterface().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.smtpInterface().port()).isEqualTo(2525);
        assertThat(settings.smtpInterface().inactivityTimeoutMinutes()).isEqualTo(3);
        assertThat(settings.smtpInterface().maxConnections()).isEqualTo(100);
        assertThat(settings.smtpInterface().maxConnectionsPerIp()).isEqualTo(5);
        assertThat(settings.smtpInterface().maxMessageSizeKb()).isEqualTo(10240);
        assertThat(settings.connectionControl().policy()).isEqualTo(PolicyMode.DENY_ALL_EXCEPT);
        assertThat(settings.connectionControl().entries()).extracting(Located::value)
                .containsExactly("192.168.1.1", "192.168.2.0:255.255.255.0");
        assertThat(settings.connectionControl().entries().get(1).origin()).isEqualTo(file + ":12");
        assertThat(settings.connectionControl().importFiles()).extracting(Located::value)
                .containsExactly(folder.resolve("lists/cc.txt"));
        assertThat(settings.permittedRelaySenders()).extracting(Located::value)
                .containsExactly("127.0.0.1", "10.1.0.0/16");
        IncomingTlsSettings incoming = settings.incomingTls();
        assertThat(incoming.enabled()).isTrue();
        assertThat(incoming.tlsOnly()).isTrue();
        assertThat(incoming.privateKey().get().value()).isEqualTo(folder.resolve("tls/server.key"));
        assertThat(incoming.serverCertificate().get().value()).isEqualTo(folder.resolve("tls/server.crt"));
        assertThat(incoming.caCertificate().get().value()).isEqualTo(folder.resolve("tls/ca.crt"));
        assertThat(new String(incoming.privateKeyPassword().get().toCharArray())).isEqualTo("s3cret-pw");
        assertThat(incoming.protocols()).containsExactly("TLSv1.3");
        assertThat(settings.outgoingTls().mode()).isEqualTo(OutgoingTlsMode.VERIFY);
        assertThat(settings.outgoingTls().verifyServerIdentity()).isTrue();
        assertThat(settings.outgoingTls().gateway().get().host()).isEqualTo("smtp.example.net");
        assertThat(settings.outgoingTls().gateway().get().port()).isEqualTo(587);
    }

    @Test
    void refusesAnUnknownKeyNamingItsPathAndLine() throws IOException {
        Path file = write("settings.yaml", "smtpInterface:\n  port: 25\ntls:\n  incoming:\n    tlsOnyl: true\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(file + ":5: unknown key 'tls.incoming.tlsOnyl'");
    }

    @Test
    void refusesAnUnknownTopLevelKey() throws IOException {
        Path file = write("settings.yaml", "smtpInterface:\n  port: 25\nconnectionContrl:\n  policy: deny-all-except\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageStartingWith(file + ":3: unknown key 'connectionContrl'");
    }

    @Test
    void refusesADuplicateKey() throws IOException {
        Path file = write("settings.yaml", "connectionControl:\n  policy: deny-all-except\n  policy: accept-all-except\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":3: duplicate key 'connectionControl.policy'");
    }

    @Test
    void refusesAPortOutOfRange() throws IOException {
        Path file = write("settings.yaml", "smtpInterface:\n  port: 70000\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":2: smtpInterface.port must be between 1 and 65535, not 70000");
    }

    @Test
    void refusesAPortThatIsNotANumber() throws IOException {
        Path file = write("settings.yaml", "smtpInterface:\n  port: smtp\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":2: smtpInterface.port must be a whole number, not 'smtp'");
    }

    @Test
    void refusesANegativeConnectionLimit() throws IOException {
        Path file = write("settings.yaml", "smtpInterface:\n  maxConnections: -1\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining(":2: smtpInterface.maxConnections must be between 0 and");
    }

    @Test
    void refusesAnIpv6BindAddressJamesCannotParse() throws IOException {
        Path file = write("settings.yaml", "smtpInterface:\n  ipAddress: '::1'\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining(":2: smtpInterface.ipAddress '::1': James cannot bind a single IPv6 address");
    }

    @Test
    void refusesAnUnknownPolicy() throws IOException {
        Path file = write("settings.yaml", "connectionControl:\n  policy: deny-all\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":2: connectionControl.policy: unknown connection-control policy 'deny-all': "
                        + "expected accept-all-except or deny-all-except");
    }

    @Test
    void refusesAMissingImportFileNamingTheLine() throws IOException {
        Path file = write("settings.yaml", "connectionControl:\n  importFiles:\n    - lists/missing.txt\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageStartingWith(file + ":3: connectionControl.importFiles 'lists/missing.txt': file not found");
    }

    @Test
    void readsTheAdminsCipherSuitesInOrderWithoutDuplicates() throws Exception {
        Path file = write("settings.yaml", String.join("\n",
                "tls:",
                "  incoming:",
                "    cipherSuites:",
                "      - TLS_AES_128_GCM_SHA256",
                "      - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "      - TLS_AES_128_GCM_SHA256",
                ""));

        assertThat(loader.load(file).incomingTls().cipherSuites())
                .containsExactly("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void refusesACipherSuiteThisJavaDoesNotSupportNamingTheLine() throws IOException {
        Path file = write("settings.yaml", String.join("\n",
                "tls:",
                "  incoming:",
                "    cipherSuites:",
                "      - TLS_AES_128_GCM_SHA256",
                "      - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265",
                ""));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(SettingsException.class)
                .hasMessage(file + ":5: tls.incoming.cipherSuites 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265' is not a cipher "
                        + "suite this Java runtime (" + Runtime.version() + ") supports");
    }

    /** Names this JVM knows but has disabled (java.security) would be silently useless: refused like unknown ones. */
    @Test
    void refusesACipherSuiteThisJavaHasDisabled() throws IOException {
        Path file = write("settings.yaml", "tls: {incoming: {cipherSuites: [SSL_RSA_WITH_3DES_EDE_CBC_SHA]}}\n");

        assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("'SSL_RSA_WITH_3DES_EDE_CBC_SHA' is not a cipher suite");
    }

    @Test
    void refusesCipherSuitesThatLeaveAnEnabledProtocolWithoutAnySuite() throws IOException {
        Path file = write("settings.yaml", String.join("\n",
                "tls:",
                "  incoming:",
                "    protocols: [TLSv1.3, TLSv1.2]",
                "    cipherSuites: [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384]",
                ""));

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":4: tls.incoming.cipherSuites has no suite for TLSv1.2, which tls.incoming.protocols "
                        + "enables");
    }

    /** Found by SettingsLoaderProperties: a NUL (YAML escape "\\0") in a path threw InvalidPathException. */
    @Test
    void refusesAPathThatIsNoValidFileName() throws IOException {
        Path file = write("settings.yaml", "connectionControl:\n  importFiles:\n    - \"lists/a\\0b.txt\"\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(file + ":3: connectionControl.importFiles 'lists/a\\0b.txt': not a valid path");
    }

    @Test
    void refusesAMissingEnvironmentVariableWithoutPrintingAnyValue() throws IOException {
        write("k.pem", "key");
        write("c.pem", "crt");
        Path file = write("settings.yaml", "tls:\n  incoming:\n    enabled: true\n    privateKey: k.pem\n"
                + "    serverCertificate: c.pem\n    privateKeyPassword: env:NOT_SET_ANYWHERE\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":6: tls.incoming.privateKeyPassword: environment variable NOT_SET_ANYWHERE is not set");
    }

    @Test
    void refusesTlsOnlyWithoutIncomingTls() throws IOException {
        Path file = write("settings.yaml", "tls:\n  incoming:\n    tlsOnly: true\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageContaining("tls.incoming.tlsOnly is true but tls.incoming.enabled is false");
    }

    @Test
    void refusesIncomingTlsWithoutKeyAndCertificate() throws IOException {
        Path file = write("settings.yaml", "tls:\n  incoming:\n    enabled: true\n    tlsOnly: true\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":3: incoming TLS needs both tls.incoming.privateKey and tls.incoming.serverCertificate");
    }

    @Test
    void refusesAnUnsupportedProtocol() throws IOException {
        Path file = write("settings.yaml", "tls:\n  incoming:\n    protocols:\n      - TLSv1.3\n      - SSLv3\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":5: tls.incoming.protocols 'SSLv3' is not one of TLSv1.3, TLSv1.2");
    }

    @Test
    void refusesAnUnknownIncomingTlsEngine() throws IOException {
        Path file = write("settings.yaml", "tls:\n  incoming:\n    engine: openssl\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":3: tls.incoming.engine 'openssl' is not one of jdk, native");
    }

    @Test
    void theIncomingTlsEngineIsNativeByDefaultAndJdkWhenChosen() throws Exception {
        assertThat(loader.load(write("default.yaml", "tls:\n  incoming:\n    enabled: false\n")).incomingTls().engine())
                .isEqualTo(IncomingTlsEngineSetting.NATIVE);
        assertThat(loader.load(write("jdk.yaml", "tls:\n  incoming:\n    engine: jdk\n")).incomingTls().engine())
                .isEqualTo(IncomingTlsEngineSetting.JDK);
    }

    @Test
    void refusesVerifyServerIdentityThatContradictsTheMode() throws IOException {
        Path file = write("settings.yaml", "tls:\n  outgoing:\n    enabled: true\n    mode: opportunistic\n"
                + "    verifyServerIdentity: true\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessageStartingWith(file + ":5: tls.outgoing.verifyServerIdentity true contradicts mode opportunistic");
    }

    @Test
    void refusesAGatewayWithABadPort() throws IOException {
        Path file = write("settings.yaml", "tls:\n  outgoing:\n    gateway: smtp.example.net:99999\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":3: tls.outgoing.gateway 'smtp.example.net:99999': the port must be between 1 and 65535");
    }

    @Test
    void aGatewayWithoutPortUsesPort25() throws Exception {
        Path file = write("settings.yaml", "tls:\n  outgoing:\n    gateway: relay.example.net\n");

        assertThat(loader.load(file).outgoingTls().gateway().get().port()).isEqualTo(25);
    }

    @Test
    void refusesBrokenYamlWithoutQuotingTheLine() throws IOException {
        Path file = write("settings.yaml", "tls:\n  incoming:\n    privateKeyPassword: \"hunter2\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesASectionThatIsNotAMapping() throws IOException {
        Path file = write("settings.yaml", "smtpInterface: 25\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ":1: smtpInterface must be a mapping of keys");
    }

    @Test
    void refusesAMissingSettingsFile() {
        Path file = folder.resolve("absent.yaml");

        assertThatThrownBy(() -> loader.load(file)).hasMessage(file + ": settings file not found");
    }

    /** Billion laughs: nine levels of nine aliases would expand to 9^9 items if anything expanded them. */
    @Test
    void refusesAliasBombsQuickly() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            String previous = "*" + (char) (level - 1);
            bomb.append(level).append(": &").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, previous))).append("]\n");
        }
        Path file = write("settings.yaml", bomb + "connectionControl:\n  entries: *i\n");

        assertRefusedQuickly(file, "Number of aliases for non-scalar nodes exceeds the specified max=10");
    }

    @Test
    void refusesDeepNestingQuickly() throws IOException {
        Path file = write("settings.yaml", "relay:\n  permittedSenders: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");

        assertRefusedQuickly(file, "Nesting Depth exceeded max 10");
    }

    @Test
    void refusesADocumentOverOneMebibyte() throws IOException {
        Path file = write("settings.yaml", "connectionControl:\n  entries:\n" + "    - 192.0.2.1\n".repeat(70_000));

        assertRefusedQuickly(file, "The incoming YAML document exceeds the limit: 1048576 code points");
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws IOException {
        Path file = folder.resolve("settings.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThatThrownBy(() -> loader.load(file)).hasMessage(file + ": not UTF-8 text");
    }

    private void assertRefusedQuickly(Path file, String problem) {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> loader.load(file))
                        .isInstanceOf(SettingsException.class)
                        .hasMessageStartingWith(file + ": not valid YAML: " + problem)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")));
    }

    @Test
    void aSecretNeverShowsItsValue() {
        assertThat(new Secret("hunter2").toString()).doesNotContain("hunter2");
    }

    private Path write(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    @Test
    void perAddressLimitIs50ByDefaultAndZeroMeansNone() throws Exception {
        assertThat(new SettingsLoader().load(write("a.yaml", "smtpInterface: {port: 25}\n"))
                .smtpInterface().maxConnectionsPerIp()).isEqualTo(50);
        assertThat(new SettingsLoader().load(write("b.yaml", "smtpInterface: {maxConnectionsPerIp: 0}\n"))
                .smtpInterface().maxConnectionsPerIp()).isZero();
    }

    @Test
    void behindAProxyThePerAddressLimitIsNoneByDefaultSinceEveryConnectionComesFromTheProxy() throws Exception {
        assertThat(new SettingsLoader().load(write("proxy.yaml",
                "smtpInterface: {proxyRequired: true, trustedProxies: [10.0.0.5]}\n"))
                .smtpInterface().maxConnectionsPerIp()).isZero();
        assertThat(new SettingsLoader().load(write("explicit.yaml",
                "smtpInterface: {proxyRequired: true, trustedProxies: [10.0.0.5], maxConnectionsPerIp: 500}\n"))
                .smtpInterface().maxConnectionsPerIp()).isEqualTo(500);
    }

    @Test
    void reverseDnsLookupIsOffByDefault() throws Exception {
        assertThat(new SettingsLoader().load(write("a.yaml", "smtpInterface: {port: 25}\n"))
                .smtpInterface().reverseDnsLookup()).isFalse();
        assertThat(new SettingsLoader().load(write("b.yaml", "smtpInterface: {reverseDnsLookup: true}\n"))
                .smtpInterface().reverseDnsLookup()).isTrue();
    }

    @Test
    void proxyRequiredNeedsTrustedProxies() throws Exception {
        Path file = write("settings.yaml", "smtpInterface:\n  proxyRequired: true\n");

        assertThatThrownBy(() -> new SettingsLoader().load(file))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(file + ":2: smtpInterface.proxyRequired is true but smtpInterface.trustedProxies"
                        + " is empty");

        ImsaSettings settings = new SettingsLoader().load(write("ok.yaml",
                "smtpInterface:\n  proxyRequired: true\n  trustedProxies: [10.0.0.5]\n"));
        assertThat(settings.smtpInterface().proxyRequired()).isTrue();
        assertThat(settings.smtpInterface().trustedProxies()).extracting(Located::value).containsExactly("10.0.0.5");
    }
}
