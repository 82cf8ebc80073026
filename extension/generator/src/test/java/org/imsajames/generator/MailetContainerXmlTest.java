package org.imsajames.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.imsajames.settings.ImsaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class MailetContainerXmlTest {
    @TempDir
    Path folder;

    @Test
    void opportunisticStartsTlsAndAcceptsAnyCertificate() throws Exception {
        Map<String, String> parameters = remoteDelivery("tls: {outgoing: {enabled: true, mode: opportunistic}}");

        assertThat(parameters).containsEntry("startTLS", "true")
                .containsEntry("verifyServerIdentity", "false")
                .containsEntry("mail.smtp.ssl.trust", "*")
                .doesNotContainKeys("mail.smtp.starttls.required", "gateway", "gatewayPort");
        assertThat(parameters).containsEntry("outgoing", "outgoing").containsEntry("bounceProcessor", "bounces");
    }

    @Test
    void requiredAlsoRefusesToSendInClear() throws Exception {
        Map<String, String> parameters = remoteDelivery("tls: {outgoing: {enabled: true, mode: required}}");

        assertThat(parameters).containsEntry("startTLS", "true")
                .containsEntry("verifyServerIdentity", "false")
                .containsEntry("mail.smtp.ssl.trust", "*")
                .containsEntry("mail.smtp.starttls.required", "true");
    }

    @Test
    void verifyChecksThePeerAndTrustsNothingBlindly() throws Exception {
        Map<String, String> parameters = remoteDelivery("tls: {outgoing: {enabled: true, mode: verify}}");

        assertThat(parameters).containsEntry("startTLS", "true")
                .containsEntry("verifyServerIdentity", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .doesNotContainKey("mail.smtp.ssl.trust");
    }

    @Test
    void disabledTurnsStartTlsOffAndTheGatewayStillApplies() throws Exception {
        Map<String, String> parameters = remoteDelivery("tls: {outgoing: {enabled: false, gateway: 'smtp.example.net:2525'}}");

        assertThat(parameters).containsEntry("startTLS", "false")
                .containsEntry("gateway", "smtp.example.net")
                .containsEntry("gatewayPort", "2525")
                .doesNotContainKeys("verifyServerIdentity", "mail.smtp.ssl.trust", "mail.smtp.starttls.required");
    }

    @Test
    void switchingModesLeavesNoParameterOfThePreviousMode() throws Exception {
        Document document = Templates.bundled().load("mailetcontainer.xml");
        new MailetContainerXml(settings("tls: {outgoing: {enabled: true, mode: required, gateway: gw.example}}")
                .outgoingTls()).applyTo(document, "m");

        new MailetContainerXml(settings("tls: {outgoing: {enabled: true, mode: verify}}").outgoingTls())
                .applyTo(document, "m");

        Map<String, String> parameters = JamesXml.remoteDeliveryParameters(
                JamesXml.read(XmlFiles.serialize(document))).get(0);
        assertThat(parameters).doesNotContainKeys("mail.smtp.ssl.trust", "gateway", "gatewayPort");
        assertThat(parameters).containsEntry("verifyServerIdentity", "true");
    }

    @Test
    void keepsTheBccRemovalJamesRequires() throws Exception {
        Document document = Templates.bundled().load("mailetcontainer.xml");
        new MailetContainerXml(settings("").outgoingTls()).applyTo(document, "m");

        assertThat(JamesXml.read(XmlFiles.serialize(document)).configurationsAt("processors.processor")
                .stream().filter(p -> "transport".equals(p.getString("[@state]")))
                .flatMap(p -> p.configurationsAt("mailet").stream())
                .filter(m -> "RemoveMimeHeader".equals(m.getString("[@class]")))
                .map(m -> m.getString("name"))).contains("bcc");
    }

    @Test
    void refusesOutgoingTlsWithoutAnyRemoteDelivery() throws Exception {
        Document document = XmlFiles.parse(new ByteArrayInputStream(
                "<mailetcontainer><processors/></mailetcontainer>".getBytes(StandardCharsets.UTF_8)), "conf/mailetcontainer.xml");
        MailetContainerXml xml = new MailetContainerXml(settings("tls: {outgoing: {enabled: true}}").outgoingTls());

        assertThatThrownBy(() -> xml.applyTo(document, "conf/mailetcontainer.xml"))
                .isInstanceOf(ConfFolderException.class)
                .hasMessage("conf/mailetcontainer.xml: no RemoteDelivery mailet to apply tls.outgoing to");
    }

    private Map<String, String> remoteDelivery(String yaml) throws Exception {
        Document document = Templates.bundled().load("mailetcontainer.xml");
        new MailetContainerXml(settings(yaml).outgoingTls()).applyTo(document, "mailetcontainer.xml");
        List<Map<String, String>> mailets = JamesXml.remoteDeliveryParameters(JamesXml.read(XmlFiles.serialize(document)));
        assertThat(mailets).hasSize(1);
        return mailets.get(0);
    }

    private ImsaSettings settings(String yaml) throws Exception {
        return TestSettings.load(folder, yaml);
    }
}
