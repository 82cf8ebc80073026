package org.imsajames.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.imsajames.settings.CipherSuites;
import org.imsajames.settings.ImsaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SmtpServerXmlTest {
    private static final String CONNECTION_CONTROL = "org.imsajames.smtp.ConnectionControlHandler";
    private static final String TLS_ONLY = "org.imsajames.smtp.TlsOnlyHandler";

    private static final Path OPERATOR_FILE = Path.of("src/test/resources/golden/operator/smtpserver.xml");

    @TempDir
    Path folder;

    @Test
    void fillsOurServerTheWayJamesReadsIt() throws Exception {
        TestSettings.write(folder, "k.pem", "key");
        TestSettings.write(folder, "c.pem", "crt");
        ImsaSettings settings = TestSettings.load(folder,
                "smtpInterface: {ipAddress: 192.0.2.10, port: 2525, inactivityTimeoutMinutes: 2,",
                "                maxConnections: 50, maxConnectionsPerIp: 4, maxMessageSizeKb: 20480}",
                "connectionControl: {policy: deny-all-except}",
                "tls:",
                "  incoming: {enabled: true, tlsOnly: true, privateKey: k.pem, serverCertificate: c.pem}");

        HierarchicalConfiguration<ImmutableNode> server = applied(settings, List.of("127.0.0.1/32", "10.0.0.0/8"),
                "the-secret");

        assertThat(server.getBoolean("[@enabled]")).isTrue();
        assertThat(server.getString("bind")).isEqualTo("192.0.2.10:2525");
        assertThat(server.getInt("connectiontimeout")).isEqualTo(120);
        assertThat(server.getInt("connectionLimit")).isEqualTo(50);
        assertThat(server.getInt("connectionLimitPerIP")).as("our handler answers 421 instead").isZero();
        assertThat(server.getString("maxmessagesize")).isEqualTo("20480");
        assertThat(server.getString("authorizedAddresses")).isEqualTo("127.0.0.1/32, 10.0.0.0/8");
        assertThat(server.getBoolean("tls.[@startTLS]")).isTrue();
        assertThat(server.getBoolean("tls.[@socketTLS]")).isFalse();
        assertThat(server.getString("tls.keystore")).isEqualTo("file://conf/imsa/current/keystore.p12");
        assertThat(server.getString("tls.keystoreType")).isEqualTo("PKCS12");
        assertThat(server.getString("tls.secret")).isEqualTo("the-secret");
        assertThat(server.getStringArray("tls.supportedProtocols.protocol")).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(server.getStringArray("tls.supportedCipherSuites.cipherSuite"))
                .containsExactlyElementsOf(CipherSuites.DEFAULT);
        assertThat(server.getBoolean("auth.requireSSL")).isTrue();
        assertThat(server.getString("auth.announce")).isEqualTo("never");
        assertThat(JamesXml.handlerClasses(server)).containsExactly(CONNECTION_CONTROL,
                "org.imsajames.smtp.ConnectionsPerIpHandler", TLS_ONLY,
                "org.apache.james.smtpserver.fastfail.ValidRcptHandler", "org.apache.james.smtpserver.CoreCmdHandlerLoader");
        List<HierarchicalConfiguration<ImmutableNode>> handlers = server.configurationsAt("handlerchain.handler");
        assertThat(handlers.get(0).getString("policy")).as("the mode is in the list file").isNull();
        assertThat(handlers.get(0).getString("listFile")).isEqualTo("file://conf/imsa/current/connection-control.list");
        assertThat(handlers.get(0).getStringArray("trustedProxy")).isEmpty();
        assertThat(server.getString("proxyRequired")).isNull();
        assertThat(handlers.get(1).getInt("maxConnectionsPerIp")).isEqualTo(4);
    }

    @Test
    void withoutTlsTheServerOffersNoStartTlsAndHasNoTlsOnlyHandler() throws Exception {
        ImsaSettings settings = TestSettings.load(folder, "smtpInterface: {ipAddress: loopback}");

        HierarchicalConfiguration<ImmutableNode> server = applied(settings, List.of(), null);

        assertThat(server.getString("bind")).isEqualTo("127.0.0.1:25");
        assertThat(server.getBoolean("tls.[@startTLS]")).isFalse();
        assertThat(server.getString("tls.keystore")).isNull();
        assertThat(server.getString("tls.secret")).isNull();
        assertThat(server.getString("authorizedAddresses")).isNull();
        assertThat(server.getString("auth.requireSSL")).isNull();
        assertThat(JamesXml.handlerClasses(server)).containsExactly(CONNECTION_CONTROL,
                "org.imsajames.smtp.ConnectionsPerIpHandler",
                "org.apache.james.smtpserver.fastfail.ValidRcptHandler", "org.apache.james.smtpserver.CoreCmdHandlerLoader");
        assertThat(server.configurationsAt("handlerchain.handler").get(1).getInt("maxConnectionsPerIp"))
                .as("the default per-address limit").isEqualTo(50);
        assertThat(server.configurationsAt("handlerchain.handler").get(0).getString("policy")).isNull();
    }

    @Test
    void writesTheAdminsCipherSuitesInTheirOrderAndDropsTheListWhenTlsIsTurnedOff() throws Exception {
        TestSettings.write(folder, "k.pem", "key");
        TestSettings.write(folder, "c.pem", "crt");
        ImsaSettings withTls = TestSettings.load(folder,
                "tls:",
                "  incoming: {enabled: true, privateKey: k.pem, serverCertificate: c.pem, protocols: [TLSv1.2],",
                "             cipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]}");
        Document document = template();

        new SmtpServerXml(withTls, List.of(), List.of(), "secret").applyTo(document, "smtpserver.xml", template(), "template");
        HierarchicalConfiguration<ImmutableNode> server = JamesXml.smtpServer(
                JamesXml.read(XmlFiles.serialize(document)), "imsa-smtp");
        assertThat(server.getStringArray("tls.supportedCipherSuites.cipherSuite"))
                .containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

        ImsaSettings withoutTls = TestSettings.load(folder, "tls: {incoming: {enabled: false}}");
        new SmtpServerXml(withoutTls, List.of(), List.of(), null).applyTo(document, "smtpserver.xml", template(), "template");
        server = JamesXml.smtpServer(JamesXml.read(XmlFiles.serialize(document)), "imsa-smtp");
        assertThat(server.getStringArray("tls.supportedCipherSuites.cipherSuite")).isEmpty();
        assertThat(server.getStringArray("tls.supportedProtocols.protocol")).isEmpty();
    }

    @Test
    void updateKeepsOtherServersForeignHandlersAndCommentsAndIsIdempotent() throws Exception {
        ImsaSettings settings = TestSettings.load(folder, "smtpInterface: {port: 25}");
        Document existing = parse(operatorFile());

        SmtpServerXml xml = new SmtpServerXml(settings, List.of("192.168.0.0/16"), List.of(), null);
        xml.applyTo(existing, "smtpserver.xml", template(), "template");
        byte[] once = XmlFiles.serialize(existing);
        Document again = parse(new String(once, StandardCharsets.UTF_8));
        xml.applyTo(again, "smtpserver.xml", template(), "template");

        assertThat(new String(XmlFiles.serialize(again), StandardCharsets.UTF_8))
                .isEqualTo(new String(once, StandardCharsets.UTF_8));
        String text = new String(once, StandardCharsets.UTF_8);
        assertThat(text).contains("<!-- operator: submission port, keep -->", "<!-- my own rcpt check -->");
        XMLConfiguration parsed = JamesXml.read(once);
        assertThat(parsed.configurationsAt("smtpserver")).hasSize(2);
        HierarchicalConfiguration<ImmutableNode> submission = JamesXml.smtpServer(parsed, "submission");
        assertThat(submission.getString("bind")).isEqualTo("0.0.0.0:587");
        assertThat(JamesXml.handlerClasses(submission)).containsExactly("org.apache.james.smtpserver.CoreCmdHandlerLoader");
        // The port-25 server had no jmxName: it is adopted, and its foreign handler stays after ours.
        HierarchicalConfiguration<ImmutableNode> ours = JamesXml.smtpServer(parsed, "imsa-smtp");
        assertThat(ours.getString("smtpGreeting")).isEqualTo("Operator greeting");
        assertThat(ours.getString("authorizedAddresses")).isEqualTo("192.168.0.0/16");
        assertThat(JamesXml.handlerClasses(ours)).containsExactly(CONNECTION_CONTROL,
                "org.imsajames.smtp.ConnectionsPerIpHandler", "com.example.MyRcptHandler",
                "org.apache.james.smtpserver.CoreCmdHandlerLoader");
    }

    @Test
    void proxyRequiredWritesTheServerFlagAndOneTrustedProxyPerEntryInTheConnectionControlHandler() throws Exception {
        ImsaSettings settings = TestSettings.load(folder,
                "smtpInterface: {proxyRequired: true, trustedProxies: [10.0.0.5, '2001:db8::/64']}");
        Document document = template();

        new SmtpServerXml(settings, List.of(), List.of("10.0.0.5/32", "2001:db8::/64"), null)
                .applyTo(document, "template", document, "template");
        HierarchicalConfiguration<ImmutableNode> server = JamesXml.smtpServer(
                JamesXml.read(XmlFiles.serialize(document)), "imsa-smtp");

        assertThat(server.getBoolean("proxyRequired")).isTrue();
        HierarchicalConfiguration<ImmutableNode> handler = server.configurationsAt("handlerchain.handler").get(0);
        assertThat(handler.getString("[@class]")).isEqualTo(CONNECTION_CONTROL);
        assertThat(handler.getStringArray("trustedProxy")).containsExactly("10.0.0.5/32", "2001:db8::/64");

        ImsaSettings direct = TestSettings.load(folder, "smtpInterface: {proxyRequired: false}");
        new SmtpServerXml(direct, List.of(), List.of(), null).applyTo(document, "smtpserver.xml", template(), "template");
        server = JamesXml.smtpServer(JamesXml.read(XmlFiles.serialize(document)), "imsa-smtp");
        assertThat(server.getString("proxyRequired")).as("ours: removed when turned off").isNull();
        assertThat(server.configurationsAt("handlerchain.handler").get(0).getStringArray("trustedProxy")).isEmpty();
    }

    @Test
    void updateDropsTheStalePolicyElementOfAnOlderGeneratorSoTheModeIsOnlyInTheListFile() throws Exception {
        ImsaSettings settings = TestSettings.load(folder, "connectionControl: {policy: deny-all-except}");
        Document existing = parse(operatorFile().replaceFirst("<handlerchain>", "<handlerchain>\n"
                + "<handler class=\"" + CONNECTION_CONTROL + "\"><policy>accept-all-except</policy>"
                + "<listFile>file://conf/imsa-connection-control.list</listFile></handler>"));

        new SmtpServerXml(settings, List.of(), List.of(), null).applyTo(existing, "smtpserver.xml", template(), "template");

        String text = new String(XmlFiles.serialize(existing), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("<policy>", "imsa-connection-control.list")
                .contains("<listFile>file://conf/imsa/current/connection-control.list</listFile>");
    }

    @Test
    void addsOurServerWhenTheFileHasNone() throws Exception {
        ImsaSettings settings = TestSettings.load(folder, "smtpInterface: {port: 2525}");
        Document existing = parse(operatorFile());

        new SmtpServerXml(settings, List.of(), List.of(), null).applyTo(existing, "smtpserver.xml", template(), "template");

        XMLConfiguration parsed = JamesXml.read(XmlFiles.serialize(existing));
        assertThat(parsed.configurationsAt("smtpserver")).hasSize(3);
        assertThat(JamesXml.smtpServer(parsed, "imsa-smtp").getString("bind")).isEqualTo("0.0.0.0:2525");
    }

    @Test
    void refusesWhenAnotherServerAlreadyBindsOurPort() throws Exception {
        ImsaSettings settings = TestSettings.load(folder, "smtpInterface: {port: 587}");
        Document existing = parse(operatorFile().replace("<smtpserver enabled=\"true\">\n        <bind>0.0.0.0:25",
                "<smtpserver enabled=\"true\">\n        <jmxName>imsa-smtp</jmxName>\n        <bind>0.0.0.0:25"));

        assertThatThrownBy(() -> new SmtpServerXml(settings, List.of(), List.of(), null)
                .applyTo(existing, "conf/smtpserver.xml", template(), "template"))
                .isInstanceOf(ConfFolderException.class)
                .hasMessage("conf/smtpserver.xml: the smtpserver 'submission' already binds 0.0.0.0:587");
    }

    @Test
    void refusesMalformedXmlNamingTheLine() {
        assertThatThrownBy(() -> XmlFiles.parse(new ByteArrayInputStream(
                "<smtpservers>\n  <smtpserver>\n</smtpservers>\n".getBytes(StandardCharsets.UTF_8)), "conf/smtpserver.xml"))
                .isInstanceOf(ConfFolderException.class)
                .hasMessageStartingWith("conf/smtpserver.xml:3: not well-formed XML");
    }

    @Test
    void refusesADoctypeSoNoEntityIsEverExpanded() {
        String withEntity = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
                + "<smtpservers>&e;</smtpservers>\n";

        assertThatThrownBy(() -> XmlFiles.parse(new ByteArrayInputStream(withEntity.getBytes(StandardCharsets.UTF_8)),
                "smtpserver.xml"))
                .isInstanceOf(ConfFolderException.class)
                .hasMessageStartingWith("smtpserver.xml:2: not well-formed XML");
    }

    private HierarchicalConfiguration<ImmutableNode> applied(ImsaSettings settings, List<String> relay, String secret)
            throws Exception {
        Document document = template();
        new SmtpServerXml(settings, relay, List.of(), secret).applyTo(document, "template", document, "template");
        return JamesXml.smtpServer(JamesXml.read(XmlFiles.serialize(document)), "imsa-smtp");
    }

    private static Document template() throws Exception {
        return Templates.bundled().load("smtpserver.xml");
    }

    private static String operatorFile() throws Exception {
        return Files.readString(OPERATOR_FILE);
    }

    private static Document parse(String xml) throws Exception {
        return XmlFiles.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "smtpserver.xml");
    }
}
