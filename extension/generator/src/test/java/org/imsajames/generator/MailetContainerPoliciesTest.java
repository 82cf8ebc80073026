package org.imsajames.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** tls.outgoing.policies in mailetcontainer.xml: routes in the relay processor, one processor and queue per level. */
class MailetContainerPoliciesTest {
    private static final String POLICIES = String.join("\n",
            "tls:",
            "  outgoing:",
            "    enabled: true",
            "    mode: opportunistic",
            "    policies:",
            "      - {destination: bank.example, level: verify}",
            "      - {destination: mx.partner.example, level: none}",
            "      - {destination: .partner.example, level: required}",
            "      - {destination: old.example, level: none}");

    @TempDir
    Path folder;

    @Test
    void eachLevelUsedGetsAProcessorWithACopyOfRemoteDeliveryOnItsOwnQueue() throws Exception {
        XMLConfiguration xml = generate(POLICIES);

        assertThat(processorStates(xml)).endsWith("outgoing-tls-none", "outgoing-tls-required", "outgoing-tls-verify")
                .doesNotContain("outgoing-tls-opportunistic");
        Map<String, String> verify = remoteDelivery(xml, "outgoing-tls-verify");
        assertThat(verify).containsEntry("outgoing", "outgoing-tls-verify").containsEntry("startTLS", "true")
                .containsEntry("verifyServerIdentity", "true").containsEntry("mail.smtp.starttls.required", "true")
                .doesNotContainKey("mail.smtp.ssl.trust")
                .containsEntry("bounceProcessor", "bounces").containsEntry("maxRetries", "3");
        assertThat(remoteDelivery(xml, "outgoing-tls-required")).containsEntry("outgoing", "outgoing-tls-required")
                .containsEntry("verifyServerIdentity", "false").containsEntry("mail.smtp.ssl.trust", "*")
                .containsEntry("mail.smtp.starttls.required", "true");
        assertThat(remoteDelivery(xml, "outgoing-tls-none")).containsEntry("outgoing", "outgoing-tls-none")
                .containsEntry("startTLS", "false")
                .doesNotContainKeys("verifyServerIdentity", "mail.smtp.ssl.trust", "mail.smtp.starttls.required");
        assertThat(remoteDelivery(xml, "relay")).containsEntry("outgoing", "outgoing")
                .containsEntry("startTLS", "true").doesNotContainKey("mail.smtp.starttls.required");
        List<String> queues = JamesXml.remoteDeliveryParameters(xml).stream().map(p -> p.get("outgoing"))
                .collect(Collectors.toList());
        assertThat(queues).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void theGoldenFileShowsTheWholeResult() throws Exception {
        assertThat(new String(XmlFiles.serialize(applied(POLICIES)), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(Path.of("src/test/resources/golden/policies/mailetcontainer.xml")));
    }

    @Test
    void theRelayProcessorRoutesEachRecipientByTheFirstMatchingPolicyThenFallsToTheMode() throws Exception {
        XMLConfiguration xml = generate(POLICIES);

        assertThat(route(xml, "a@bank.example")).isEqualTo("outgoing-tls-verify");
        assertThat(route(xml, "a@BANK.EXAMPLE")).isEqualTo("outgoing-tls-verify");
        assertThat(route(xml, "a@sub.bank.example")).isEqualTo("relay");
        assertThat(route(xml, "a@mx.partner.example")).isEqualTo("outgoing-tls-none");
        assertThat(route(xml, "a@x.y.partner.example")).isEqualTo("outgoing-tls-required");
        assertThat(route(xml, "\"a@b\"@x.partner.example")).isEqualTo("outgoing-tls-required");
        assertThat(route(xml, "a@partner.example")).isEqualTo("relay");
        assertThat(route(xml, "a@xpartner.example")).isEqualTo("relay");
        assertThat(route(xml, "a.partner.example@other.example")).isEqualTo("relay");
        assertThat(route(xml, "a@old.example")).isEqualTo("outgoing-tls-none");
    }

    @Test
    void generatingAgainRebuildsTheRoutesInsteadOfAddingToThem() throws Exception {
        Document document = Templates.bundled().load("mailetcontainer.xml");
        new MailetContainerXml(TestSettings.load(folder, POLICIES).outgoingTls()).applyTo(document, "m");
        new MailetContainerXml(TestSettings.load(folder, POLICIES).outgoingTls()).applyTo(document, "m");
        byte[] twice = XmlFiles.serialize(document);
        assertThat(twice).isEqualTo(XmlFiles.serialize(applied(POLICIES)));

        new MailetContainerXml(TestSettings.load(folder, "tls: {outgoing: {enabled: true, mode: verify}}")
                .outgoingTls()).applyTo(document, "m");
        XMLConfiguration withoutPolicies = JamesXml.read(XmlFiles.serialize(document));
        assertThat(processorStates(withoutPolicies)).noneMatch(state -> state.startsWith("outgoing-tls-"));
        assertThat(relayMailets(withoutPolicies)).extracting(m -> m.getString("[@class]"))
                .containsExactly("org.imsajames.outgoing.MtaStsRemoteDelivery");
        assertThat(XmlFiles.serialize(document)).isEqualTo(
                XmlFiles.serialize(applied("tls: {outgoing: {enabled: true, mode: verify}}")));
    }

    @Test
    void policiesApplyEvenWithOutgoingTlsDisabled() throws Exception {
        XMLConfiguration xml = generate("tls: {outgoing: {enabled: false, policies: [{destination: bank.example,"
                + " level: verify}]}}");

        assertThat(route(xml, "a@bank.example")).isEqualTo("outgoing-tls-verify");
        assertThat(remoteDelivery(xml, "relay")).containsEntry("startTLS", "false");
        assertThat(remoteDelivery(xml, "outgoing-tls-verify")).containsEntry("verifyServerIdentity", "true");
    }

    @Test
    void theGatewayAppliesToEveryLevel() throws Exception {
        XMLConfiguration xml = generate("tls: {outgoing: {gateway: 'gw.example:2525', policies: [{destination:"
                + " bank.example, level: required}]}}");

        for (Map<String, String> parameters : JamesXml.remoteDeliveryParameters(xml)) {
            assertThat(parameters).containsEntry("gateway", "gw.example").containsEntry("gatewayPort", "2525");
        }
    }

    @Test
    void policiesNeedExactlyOneRemoteDeliveryToCopy() throws Exception {
        String two = "<mailetcontainer><processors><processor state=\"relay\">"
                + "<mailet match=\"HostIs=a.example\" class=\"RemoteDelivery\"/>"
                + "<mailet match=\"All\" class=\"org.apache.james.transport.mailets.RemoteDelivery\"/>"
                + "</processor></processors></mailetcontainer>";
        Document document = XmlFiles.parse(new ByteArrayInputStream(two.getBytes(StandardCharsets.UTF_8)), "c.xml");
        MailetContainerXml xml = new MailetContainerXml(TestSettings.load(folder, POLICIES).outgoingTls());

        assertThatThrownBy(() -> xml.applyTo(document, "c.xml")).isInstanceOf(ConfFolderException.class)
                .hasMessage("c.xml: tls.outgoing.policies and tls.outgoing.mtaSts enforce need exactly one RemoteDelivery"
                        + " mailet to copy per level,"
                        + " found 2");
        Document none = XmlFiles.parse(new ByteArrayInputStream(
                "<mailetcontainer><processors/></mailetcontainer>".getBytes(StandardCharsets.UTF_8)), "c.xml");
        MailetContainerXml policiesOnly = new MailetContainerXml(TestSettings.load(folder,
                "tls: {outgoing: {policies: [{destination: a.example, level: none}]}}").outgoingTls());
        assertThatThrownBy(() -> policiesOnly.applyTo(none, "c.xml")).isInstanceOf(ConfFolderException.class)
                .hasMessage("c.xml: no RemoteDelivery mailet to apply tls.outgoing to");
    }

    @Test
    void mtaStsTestingByDefaultMakesEveryRemoteDeliveryOursAndOffGivesJamesOwnBack() throws Exception {
        Document document = applied(POLICIES);
        for (Map<String, String> parameters : JamesXml.remoteDeliveryParameters(
                JamesXml.read(XmlFiles.serialize(document)))) {
            assertThat(parameters).containsEntry("mtaSts", "testing");
        }
        assertThat(mailetClasses(JamesXml.read(XmlFiles.serialize(document)))).contains(
                "org.imsajames.outgoing.MtaStsRemoteDelivery").doesNotContain("RemoteDelivery");

        new MailetContainerXml(TestSettings.load(folder, "tls: {outgoing: {enabled: true, mtaSts: 'off'}}")
                .outgoingTls()).applyTo(document, "m");

        XMLConfiguration off = JamesXml.read(XmlFiles.serialize(document));
        assertThat(mailetClasses(off)).contains("RemoteDelivery")
                .doesNotContain("org.imsajames.outgoing.MtaStsRemoteDelivery");
        assertThat(JamesXml.remoteDeliveryParameters(off)).singleElement()
                .satisfies(parameters -> assertThat(parameters).doesNotContainKey("mtaSts"));
    }

    @Test
    void mtaStsEnforceRoutesEnforcedDomainsFirstToAVerifyingCopy() throws Exception {
        XMLConfiguration xml = generate(POLICIES.replace("mode: opportunistic", "mode: opportunistic\n    mtaSts: enforce"));

        List<HierarchicalConfiguration<ImmutableNode>> relay = relayMailets(xml);
        assertThat(relay.get(0).getString("[@match]")).isEqualTo("org.imsajames.outgoing.MtaStsEnforced");
        assertThat(relay.get(0).getString("processor")).isEqualTo("outgoing-tls-mta-sts");
        assertThat(remoteDelivery(xml, "outgoing-tls-mta-sts")).containsEntry("outgoing", "outgoing-tls-mta-sts")
                .containsEntry("mtaSts", "enforce").containsEntry("verifyServerIdentity", "true")
                .containsEntry("mail.smtp.starttls.required", "true").doesNotContainKey("mail.smtp.ssl.trust");
        assertThat(route(xml, "a@bank.example")).isEqualTo("outgoing-tls-verify");
    }

    @Test
    void withAGatewayMtaStsIsLeftToTheGatewayEvenOnEnforce() throws Exception {
        XMLConfiguration xml = generate(POLICIES.replace("mode: opportunistic",
                "mode: opportunistic\n    mtaSts: enforce\n    gateway: 'smarthost.example.net:25'"));

        assertThat(mailetClasses(xml)).doesNotContain("org.imsajames.outgoing.MtaStsRemoteDelivery");
        assertThat(processorStates(xml)).doesNotContain("outgoing-tls-mta-sts");
        assertThat(relayMailets(xml)).noneSatisfy(mailet -> assertThat(mailet.getString("[@match]"))
                .isEqualTo("org.imsajames.outgoing.MtaStsEnforced"));
        assertThat(JamesXml.remoteDeliveryParameters(xml)).allSatisfy(parameters -> assertThat(parameters)
                .containsEntry("gateway", "smarthost.example.net").doesNotContainKey("mtaSts"));
    }

    /**
     * Follows a one-recipient mail through the relay processor as James 3.8.1 would: HostIs compares the
     * lower-cased domain with its list (Domain.of lower-cases), RecipientIsRegex requires
     * Pattern.matcher(address).matches(); the first matching ToProcessor sends it on, All reaches RemoteDelivery.
     */
    private static String route(XMLConfiguration xml, String recipient) {
        String domain = recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String normalised = recipient.substring(0, recipient.lastIndexOf('@') + 1) + domain;
        for (HierarchicalConfiguration<ImmutableNode> mailet : relayMailets(xml)) {
            String match = mailet.getString("[@match]");
            boolean matches;
            if (match.equals("All")) {
                matches = true;
            } else if (match.equals("org.imsajames.outgoing.MtaStsEnforced")) {
                matches = false; // no domain has a policy in this model

            } else if (match.startsWith("HostIs=")) {
                matches = List.of(match.substring("HostIs=".length()).split("[, ]+")).contains(domain);
            } else if (match.startsWith("RecipientIsRegex=")) {
                matches = Pattern.compile(match.substring("RecipientIsRegex=".length()).trim())
                        .matcher(normalised).matches();
            } else {
                throw new AssertionError("unexpected matcher " + match);
            }
            if (matches) {
                return mailet.getString("[@class]").equals("ToProcessor") ? mailet.getString("processor") : "relay";
            }
        }
        throw new AssertionError("no mailet matched " + recipient);
    }

    private static List<HierarchicalConfiguration<ImmutableNode>> relayMailets(XMLConfiguration xml) {
        return xml.configurationsAt("processors.processor").stream()
                .filter(p -> "relay".equals(p.getString("[@state]")))
                .flatMap(p -> p.configurationsAt("mailet").stream()).collect(Collectors.toList());
    }

    private static List<String> mailetClasses(XMLConfiguration xml) {
        return xml.configurationsAt("processors.processor").stream()
                .flatMap(p -> p.configurationsAt("mailet").stream()).map(m -> m.getString("[@class]"))
                .collect(Collectors.toList());
    }

    private static List<String> processorStates(XMLConfiguration xml) {
        return xml.configurationsAt("processors.processor").stream().map(p -> p.getString("[@state]"))
                .collect(Collectors.toList());
    }

    /** The parameters of the RemoteDelivery in processor STATE, found by its queue (queues are unique). */
    private static Map<String, String> remoteDelivery(XMLConfiguration xml, String state) {
        List<String> queuesThere = xml.configurationsAt("processors.processor").stream()
                .filter(p -> state.equals(p.getString("[@state]")))
                .flatMap(p -> p.configurationsAt("mailet").stream())
                .filter(m -> m.getString("[@class]").endsWith("RemoteDelivery"))
                .map(m -> m.getString("outgoing")).collect(Collectors.toList());
        assertThat(queuesThere).as("RemoteDelivery queues in " + state).hasSize(1);
        return JamesXml.remoteDeliveryParameters(xml).stream()
                .filter(p -> queuesThere.get(0).equals(p.get("outgoing")))
                .findFirst().orElseThrow();
    }

    private XMLConfiguration generate(String yaml) throws Exception {
        return JamesXml.read(XmlFiles.serialize(applied(yaml)));
    }

    private Document applied(String yaml) throws Exception {
        Document document = Templates.bundled().load("mailetcontainer.xml");
        new MailetContainerXml(TestSettings.load(folder, yaml).outgoingTls()).applyTo(document, "m");
        return document;
    }
}
