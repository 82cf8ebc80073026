package org.imsajames.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.imsajames.settings.SettingsException;
import org.imsajames.settings.SettingsLoader;
import org.imsajames.testkit.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfGeneratorTest {
    private static final Path EXAMPLE_SETTINGS = Path.of("../../conf-templates/imsa-settings.example.yaml");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path folder;

    private final Clock clock = Clock.systemUTC();

    @Test
    void theExampleSettingsGiveTheGoldenConfiguration() throws Exception {
        Path conf = folder.resolve("conf");

        CheckedSettings checked = check(EXAMPLE_SETTINGS);
        GenerationReport report = generate(checked, conf, false);

        assertThat(report.published()).isPresent();
        assertThat(names(report.published().get())).containsExactly("connection-control.list", "extensions.properties",
                "jvm.properties",
                "mailetcontainer.xml", "smtpserver.xml");
        assertThat(Files.readSymbolicLink(conf.resolve("smtpserver.xml"))).hasToString("imsa/current/smtpserver.xml");
        assertThat(Files.readSymbolicLink(conf.resolve("imsa/current")))
                .hasToString("generations/" + report.published().get().getFileName());
        assertThat(read(conf.resolve("jvm.properties"))).contains("jdk.tls.rejectClientInitiatedRenegotiation=true\n",
                "james.protocols.mdc.hostname=false\n");
        assertThat(read(conf.resolve("smtpserver.xml"))).isEqualTo(read(GOLDEN.resolve("example/smtpserver.xml")));
        assertThat(read(conf.resolve("mailetcontainer.xml"))).isEqualTo(read(GOLDEN.resolve("example/mailetcontainer.xml")));
        assertThat(read(conf.resolve("imsa/current/connection-control.list")))
                .isEqualTo(read(GOLDEN.resolve("example/connection-control.list")));
        assertThat(checked.warnings()).containsExactly(
                EXAMPLE_SETTINGS + ":36: '192.168.3.1:255.255.255.128' has host bits set; it means 192.168.3.0/25",
                EXAMPLE_SETTINGS + ":38: '192.168.5.32:255.255.255.192' has host bits set; it means 192.168.5.0/26");

        HierarchicalConfiguration<ImmutableNode> server = JamesXml.smtpServer(
                JamesXml.read(Files.readAllBytes(conf.resolve("smtpserver.xml"))), "imsa-smtp");
        assertThat(server.getString("bind")).isEqualTo("0.0.0.0:25");
        assertThat(server.getInt("connectiontimeout")).isEqualTo(300);
        assertThat(server.getString("authorizedAddresses")).isEqualTo("127.0.0.1/32");
        assertThat(server.getBoolean("tls.[@startTLS]")).isFalse();
        assertThat(JamesXml.handlerClasses(server)).startsWith("org.imsajames.smtp.ConnectionControlHandler");
        assertThat(JamesXml.remoteDeliveryParameters(JamesXml.read(Files.readAllBytes(conf.resolve("mailetcontainer.xml")))))
                .singleElement().satisfies(parameters -> assertThat(parameters)
                        .containsEntry("startTLS", "true").containsEntry("mail.smtp.ssl.trust", "*"));
        assertThat(conf.resolve("imsa/current/keystore.p12")).doesNotExist();
    }

    @Test
    void incomingTlsGivesTheGoldenServerAndAKeystoreOnlyTheOwnerCanRead() throws Exception {
        TestPki.ServerFiles pki = TestPki.writeServerFiles(folder, TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
        Path settings = TestSettings.write(folder, "settings.yaml",
                "connectionControl: {policy: deny-all-except, entries: ['10.1.0.0/16', '2001:db8::/32']}",
                "tls:",
                "  incoming: {enabled: true, tlsOnly: true, privateKey: server.key, serverCertificate: server.crt,",
                "             caCertificate: ca.crt}");
        Path conf = folder.resolve("conf");

        generate(check(settings), conf, false);

        String smtpServer = read(conf.resolve("smtpserver.xml"));
        String secret = JamesXml.smtpServer(JamesXml.read(smtpServer.getBytes(StandardCharsets.UTF_8)), "imsa-smtp")
                .getString("tls.secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        assertThat(smtpServer.replace(secret, "@SECRET@")).isEqualTo(read(GOLDEN.resolve("tls/smtpserver.xml")));
        assertThat(read(conf.resolve("imsa/current/connection-control.list"))).endsWith("10.1.0.0/16\n2001:db8::/32\n");
        assertThat(permissions(conf.resolve("smtpserver.xml"))).isEqualTo("rw-------");
        assertThat(permissions(conf.resolve("imsa/current/keystore.p12"))).isEqualTo("rw-------");
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream input = Files.newInputStream(conf.resolve("imsa/current/keystore.p12"))) {
            keystore.load(input, secret.toCharArray());
        }
        String alias = keystore.aliases().nextElement();
        assertThat(keystore.getKey(alias, secret.toCharArray()).getEncoded())
                .isEqualTo(pki.serverKeyPair().getPrivate().getEncoded());
        assertThat(keystore.getCertificateChain(alias)[0]).isEqualTo(pki.serverCertificate());
    }

    @Test
    void everyGenerateMakesAFreshKeystoreSecret() throws Exception {
        TestPki.writeServerFiles(folder, TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
        Path settings = tlsSettings();
        Path conf = folder.resolve("conf");

        generate(check(settings), conf, false);
        String first = keystoreSecret(conf);
        generate(check(settings), conf, false);

        assertThat(keystoreSecret(conf)).isNotEqualTo(first);
    }

    @Test
    void refusesAKeyThatDoesNotMatchTheCertificate() throws Exception {
        TestPki.writeServerFiles(folder, TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
        TestPki.writeKey(folder.resolve("server.key"), TestPki.keyPair(TestPki.KeyType.EC).getPrivate(),
                TestPki.KeyEncoding.PEM_PKCS8, null);
        Path settings = tlsSettings();

        assertThatThrownBy(() -> check(settings))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(settings + ":2: tls.incoming: ")
                .hasMessageContaining("server.key does not match the server certificate in server.crt");
    }

    @Test
    void refusesAnExpiredCertificate() throws Exception {
        Instant now = Instant.now();
        TestPki.writeServerFiles(folder, TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null,
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)));
        Path settings = tlsSettings();

        assertThatThrownBy(() -> check(settings))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(settings + ":2: tls.incoming: ")
                .hasMessageContaining("server.crt")
                .hasMessageContaining("expired");
    }

    @Test
    void refusesAnEncryptedKeyWithoutItsPassword() throws Exception {
        TestPki.writeServerFiles(folder, TestPki.KeyType.RSA, TestPki.KeyEncoding.PEM_PKCS8_ENCRYPTED,
                "key-password".toCharArray());
        Path settings = tlsSettings();

        assertThatThrownBy(() -> check(settings))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(settings + ":2: tls.incoming: ")
                .hasMessageContaining("server.key is encrypted")
                .hasMessageContaining("privateKeyPassword");
    }

    @Test
    void acceptsAnEncryptedKeyWithItsPasswordFromTheEnvironment() throws Exception {
        TestPki.writeServerFiles(folder, TestPki.KeyType.RSA, TestPki.KeyEncoding.PEM_PKCS8_ENCRYPTED,
                "key-password".toCharArray());
        Path settings = TestSettings.write(folder, "settings.yaml",
                "tls:",
                "  incoming: {enabled: true, privateKey: server.key, serverCertificate: server.crt,",
                "             privateKeyPassword: 'env:KEY_PW'}");

        CheckedSettings checked = new SettingsChecker(clock).check(
                new SettingsLoader(Map.of("KEY_PW", "key-password")::get).load(settings));

        assertThat(checked.tlsMaterial()).isPresent();
    }

    @Test
    void warnsOfACertificateThatExpiresWithin30Days() throws Exception {
        Instant now = Instant.now();
        TestPki.writeServerFiles(folder, TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null,
                now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10)));

        CheckedSettings checked = check(tlsSettings());

        assertThat(checked.warnings()).anySatisfy(warning -> assertThat(warning).contains("server.crt").contains("expires"));
    }

    @Test
    void warnsThatDenyAllExceptWithAnEmptyListRefusesEveryClient() throws Exception {
        Path settings = TestSettings.write(folder, "settings.yaml", "connectionControl: {policy: deny-all-except}");

        assertThat(check(settings).warnings()).containsExactly(
                settings + ": connectionControl: deny-all-except with an empty list refuses every client");
    }

    @Test
    void warnsThatAPerAddressLimitBehindAProxyCapsTheWholeProxyAndNotWhenItIsLeftAtItsDefault() throws Exception {
        Path explicit = TestSettings.write(folder, "explicit.yaml",
                "smtpInterface: {proxyRequired: true, trustedProxies: [10.0.0.5], maxConnectionsPerIp: 50}");
        Path byDefault = TestSettings.write(folder, "default.yaml",
                "smtpInterface: {proxyRequired: true, trustedProxies: [10.0.0.5]}");

        assertThat(check(explicit).warnings()).containsExactly(explicit + ": smtpInterface.maxConnectionsPerIp 50"
                + " with proxyRequired counts every connection through the proxy as one address: it caps the proxy"
                + " as a whole; limit clients on the proxy and set 0 here");
        assertThat(check(byDefault).warnings()).isEmpty();
    }

    @Test
    void warnsThatMtaStsEnforceIsNotAppliedWithAGatewayAndNotWithoutOne() throws Exception {
        Path gateway = TestSettings.write(folder, "gateway.yaml",
                "tls: {outgoing: {enabled: true, mtaSts: enforce, gateway: 'smarthost.example.net:25'}}");
        Path direct = TestSettings.write(folder, "direct.yaml", "tls: {outgoing: {enabled: true, mtaSts: enforce}}");
        Path byDefault = TestSettings.write(folder, "default.yaml",
                "tls: {outgoing: {enabled: true, gateway: 'smarthost.example.net:25'}}");

        assertThat(check(gateway).warnings()).containsExactly(gateway + ": tls.outgoing.mtaSts enforce is not applied"
                + " with tls.outgoing.gateway: all mail goes to the gateway, which delivers to the recipients' MX hosts"
                + " and must apply MTA-STS itself (tls.outgoing.policies levels apply to the connection to the gateway)");
        assertThat(check(direct).warnings()).isEmpty();
        assertThat(check(byDefault).warnings()).isEmpty();
    }

    @Test
    void warnsOfHostBitsInAnImportedEntryNamingItsFileAndLine() throws Exception {
        TestSettings.write(folder, "lists/cc.txt", "# comment", "10.1.2.3:255.255.0.0");
        Path settings = TestSettings.write(folder, "settings.yaml", "connectionControl: {importFiles: [lists/cc.txt]}");

        assertThat(check(settings).warnings()).containsExactly(
                "cc.txt:2: '10.1.2.3:255.255.0.0' has host bits set; it means 10.1.0.0/16");
    }

    @Test
    void refusesABadEntryInAnImportFileNamingFileLineAndEntry() throws Exception {
        TestSettings.write(folder, "lists/bad.txt", "# comment", "10.0.0.1", "10.0.0.0:255.0.255.0");
        Path settings = TestSettings.write(folder, "settings.yaml",
                "connectionControl:",
                "  importFiles:",
                "    - lists/bad.txt");

        assertThatThrownBy(() -> check(settings))
                .isInstanceOf(SettingsException.class)
                .hasMessage("bad.txt:3: '10.0.0.0:255.0.255.0' is not a contiguous netmask (imported at " + settings + ":3)");
    }

    @Test
    void refusesABadInlineEntryNamingTheLine() throws Exception {
        Path settings = TestSettings.write(folder, "settings.yaml",
                "relay:",
                "  permittedSenders:",
                "    - 127.0.0.1",
                "    - 10.0.0.300");

        assertThatThrownBy(() -> check(settings))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(settings + ":4: relay.permittedSenders: '10.0.0.300'");
    }

    @Test
    void aFailureLeavesTheConfFolderByteIdentical() throws Exception {
        Path conf = folder.resolve("conf");
        generate(check(EXAMPLE_SETTINGS), conf, false);
        // Another server on port 2525: the update fails after the list file was staged.
        Files.writeString(conf.resolve("imsa/current/smtpserver.xml"), read(conf.resolve("smtpserver.xml")).replace(
                "</smtpservers>", "<smtpserver><jmxName>other</jmxName><bind>0.0.0.0:2525</bind></smtpserver></smtpservers>"));
        Map<String, String> before = snapshot(conf);
        Path settings = TestSettings.write(folder, "settings.yaml",
                "smtpInterface: {port: 2525}",
                "connectionControl: {entries: [10.9.9.9]}");

        assertThatThrownBy(() -> generate(check(settings), conf, true))
                .isInstanceOf(ConfFolderException.class)
                .hasMessageContaining("the smtpserver 'other' already binds 0.0.0.0:2525");

        assertThat(snapshot(conf)).isEqualTo(before);
        assertThat(names(conf.resolve("imsa"))).noneMatch(name -> name.startsWith(".staging-"));
    }

    @Test
    void updateKeepsWhatWeDoNotOwnMakesABackupAndIsIdempotent() throws Exception {
        TestPki.writeServerFiles(folder, TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
        Path conf = Files.createDirectories(folder.resolve("conf"));
        Files.copy(GOLDEN.resolve("operator/smtpserver.xml"), conf.resolve("smtpserver.xml"));
        String operatorFile = read(conf.resolve("smtpserver.xml"));
        Path settings = tlsSettings();

        GenerationReport first = generate(check(settings), conf, true);

        assertThat(first.backups()).singleElement().satisfies(backup -> {
            assertThat(backup.getFileName().toString()).startsWith("smtpserver.xml.bak-");
            assertThat(read(backup)).isEqualTo(operatorFile);
        });
        String updated = read(conf.resolve("smtpserver.xml"));
        assertThat(updated).contains("<!-- operator: submission port, keep -->", "<!-- my own rcpt check -->",
                "com.example.MyRcptHandler", "<jmxName>submission</jmxName>", "<smtpGreeting>Operator greeting</smtpGreeting>");
        HierarchicalConfiguration<ImmutableNode> ours = JamesXml.smtpServer(
                JamesXml.read(updated.getBytes(StandardCharsets.UTF_8)), "imsa-smtp");
        assertThat(JamesXml.handlerClasses(ours)).containsExactly("org.imsajames.smtp.ConnectionControlHandler",
                "org.imsajames.smtp.ConnectionsPerIpHandler", "org.imsajames.smtp.TlsOnlyHandler",
                "com.example.MyRcptHandler",
                "org.apache.james.smtpserver.CoreCmdHandlerLoader");
        // No mailetcontainer.xml there before: it comes from the template.
        assertThat(conf.resolve("mailetcontainer.xml")).exists();
        Map<String, String> afterFirst = snapshot(conf);

        GenerationReport second = generate(check(settings), conf, true);

        assertThat(second.published()).isEmpty();
        assertThat(second.unchanged()).isPresent();
        assertThat(second.backups()).isEmpty();
        assertThat(snapshot(conf)).isEqualTo(afterFirst);
    }

    @Test
    void updateMakesANewKeystoreWhenTheKeyChanges() throws Exception {
        TestPki.writeServerFiles(folder, TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
        Path conf = folder.resolve("conf");
        generate(check(tlsSettings()), conf, true);
        String firstSecret = keystoreSecret(conf);

        TestPki.writeServerFiles(folder, TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
        GenerationReport report = generate(check(tlsSettings()), conf, true);

        assertThat(keystoreSecret(conf)).isNotEqualTo(firstSecret);
        assertThat(report.published()).isPresent();
    }

    private CheckedSettings check(Path settings) throws Exception {
        return new SettingsChecker(clock).check(new SettingsLoader(Map.<String, String>of()::get).load(settings));
    }

    private GenerationReport generate(CheckedSettings checked, Path conf, boolean update) throws Exception {
        return new ConfGenerator(Templates.bundled(), clock).generate(checked, conf, update);
    }

    private Path tlsSettings() throws IOException {
        return TestSettings.write(folder, "settings.yaml",
                "tls:",
                "  incoming: {enabled: true, tlsOnly: true, privateKey: server.key, serverCertificate: server.crt}");
    }

    private static String keystoreSecret(Path conf) throws Exception {
        return JamesXml.smtpServer(JamesXml.read(Files.readAllBytes(conf.resolve("smtpserver.xml"))), "imsa-smtp")
                .getString("tls.secret");
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /**
     * Every entry under the folder (symlinks as their text, files as base64 of their bytes and their mode), to
     * compare a folder before and after; the lock file is not part of the configuration.
     */
    static Map<String, String> snapshot(Path conf) throws IOException {
        try (Stream<Path> files = Files.walk(conf)) {
            return files.filter(path -> !path.equals(conf) && !path.getFileName().toString().equals(".lock"))
                    .collect(Collectors.toMap(path -> conf.relativize(path).toString(), path -> {
                try {
                    if (Files.isSymbolicLink(path)) {
                        return "-> " + Files.readSymbolicLink(path);
                    }
                    if (Files.isDirectory(path)) {
                        return "folder " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                    }
                    return java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(path))
                            + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, (a, b) -> a, TreeMap::new));
        }
    }
}
