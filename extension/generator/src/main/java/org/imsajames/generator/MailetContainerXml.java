package org.imsajames.generator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.imsajames.outgoing.MtaStsSetting;
import org.imsajames.settings.DestinationPolicy;
import org.imsajames.settings.OutgoingTlsLevel;
import org.imsajames.settings.OutgoingTlsSettings;
import org.imsajames.settings.SmartHost;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Applies tls.outgoing to mailetcontainer.xml. Every RemoteDelivery mailet gets the global level; only the
 * parameters listed in {@link #OWNED} are touched there. With tls.outgoing.policies, the one RemoteDelivery
 * is also the model of one copy per level the policies use, each in a processor of its own
 * ({@value #LEVEL_PROCESSOR_PREFIX}LEVEL) with an outgoing queue of its own, and ToProcessor mailets in front
 * of the model send each matching recipient there, in the policies' order. James's matcher splits a mail
 * whose recipients only partly match, so each recipient travels at its own level. Those processors and
 * ToProcessor mailets belong to the generator: they are rebuilt on every run; the rest of the file is kept.
 */
final class MailetContainerXml {
    static final String LEVEL_PROCESSOR_PREFIX = RelayTlsXml.LEVEL_PROCESSOR_PREFIX;
    /** Where recipients with an MTA-STS policy in mode enforce go: a RemoteDelivery copy at level verify. */
    static final String MTA_STS_PROCESSOR = LEVEL_PROCESSOR_PREFIX + "mta-sts";
    private static final String MTA_STS_MATCHER = "org.imsajames.outgoing.MtaStsEnforced";
    /** RemoteDeliveryConfiguration.OUTGOING: the name of the mailet's queue. */
    private static final String OUTGOING_QUEUE = "outgoing";
    static final List<String> OWNED = RelayTlsXml.OWNED;

    private final OutgoingTlsSettings outgoing;

    MailetContainerXml(OutgoingTlsSettings outgoing) {
        this.outgoing = outgoing;
    }

    void applyTo(Document target, String targetName) throws ConfFolderException {
        String root = target.getDocumentElement().getNodeName();
        if (!root.equals("mailetcontainer")) {
            throw new ConfFolderException(targetName + ": the root element is <" + root + ">, not <mailetcontainer>");
        }
        removeGeneratedRoutes(target);
        List<Element> remoteDeliveries = remoteDeliveries(target);
        List<DestinationPolicy> policies = outgoing.policies().entries();
        if (remoteDeliveries.isEmpty() && (outgoing.enabled() || outgoing.gateway().isPresent()
                || !policies.isEmpty())) {
            throw new ConfFolderException(targetName + ": no RemoteDelivery mailet to apply tls.outgoing to");
        }
        for (Element mailet : remoteDeliveries) {
            applyLevel(mailet, outgoing.defaultLevel());
        }
        boolean enforceMtaSts = outgoing.mtaStsInForce() == MtaStsSetting.ENFORCE && !remoteDeliveries.isEmpty();
        if (policies.isEmpty() && !enforceMtaSts) {
            return;
        }
        if (remoteDeliveries.size() != 1) {
            throw new ConfFolderException(targetName + ": tls.outgoing.policies and tls.outgoing.mtaSts enforce need"
                    + " exactly one RemoteDelivery mailet to copy per level, found " + remoteDeliveries.size());
        }
        Element model = remoteDeliveries.get(0);
        Element processors = (Element) model.getParentNode().getParentNode();
        if (enforceMtaSts) {
            // First: no setting of ours is stricter than verify on the policy's MX hosts only.
            model.getParentNode().insertBefore(route(target, MTA_STS_MATCHER, MTA_STS_PROCESSOR), model);
            processors.appendChild(levelProcessor(target, model, MTA_STS_PROCESSOR, OutgoingTlsLevel.VERIFY));
        }
        Set<OutgoingTlsLevel> levels = EnumSet.noneOf(OutgoingTlsLevel.class);
        for (DestinationPolicy policy : policies) {
            model.getParentNode().insertBefore(route(target, policy), model);
            levels.add(policy.level());
        }
        for (OutgoingTlsLevel level : levels) {
            processors.appendChild(levelProcessor(target, model, processorName(level), level));
        }
    }

    /** A ToProcessor mailet that sends the recipients the policy matches to its level's processor. */
    private static Element route(Document document, DestinationPolicy policy) {
        // HostIs compares James Domain objects, which are lower-cased: exact and case-insensitive.
        // RecipientIsRegex must match the whole address; the domain part never holds an '@'.
        return route(document, policy.subdomains()
                ? "RecipientIsRegex=(?i).*@[^@]+" + policy.destination().replace(".", "\\.")
                : "HostIs=" + policy.domain(), processorName(policy.level()));
    }

    private static Element route(Document document, String matcher, String processorName) {
        Element mailet = document.createElement("mailet");
        mailet.setAttribute("match", matcher);
        mailet.setAttribute("class", "ToProcessor");
        set(mailet, "processor", processorName);
        return mailet;
    }

    /** A processor holding a copy of the model RemoteDelivery at LEVEL, with a queue of its own. */
    private Element levelProcessor(Document document, Element model, String name, OutgoingTlsLevel level) {
        Element processor = document.createElement("processor");
        processor.setAttribute("state", name);
        processor.setAttribute("enableJmx", "true");
        Element copy = (Element) model.cloneNode(true);
        copy.setAttribute("match", "All");
        // Two RemoteDelivery mailets on one queue would each take the other's mail at their own level.
        Elements.setChildText(copy, OUTGOING_QUEUE, name);
        applyLevel(copy, level);
        processor.appendChild(copy);
        return processor;
    }

    private static String processorName(OutgoingTlsLevel level) {
        return LEVEL_PROCESSOR_PREFIX + level.settingName();
    }

    private void applyLevel(Element mailet, OutgoingTlsLevel level) {
        Optional<SmartHost> gateway = outgoing.gateway();
        RelayTlsXml.write(new RelayTls(level, outgoing.mtaStsInForce(), gateway.map(SmartHost::host).orElse(null),
                gateway.map(SmartHost::port).orElse(25)), mailet);
    }

    /** What an earlier run added for tls.outgoing.policies: the level processors and the routes to them. */
    private static void removeGeneratedRoutes(Document document) {
        for (Element processor : elements(document, "processor")) {
            if (processor.getAttribute("state").startsWith(LEVEL_PROCESSOR_PREFIX)) {
                processor.getParentNode().removeChild(processor);
            }
        }
        for (Element mailet : elements(document, "mailet")) {
            boolean routesToLevel = isClass(mailet, "ToProcessor") && Elements.childText(mailet, "processor")
                    .map(name -> name.startsWith(LEVEL_PROCESSOR_PREFIX)).orElse(false);
            if (routesToLevel) {
                mailet.getParentNode().removeChild(mailet);
            }
        }
    }

    private static List<Element> remoteDeliveries(Document document) {
        return RelayTlsXml.remoteDeliveries(document);
    }

    private static boolean isClass(Element mailet, String simpleName) {
        String type = mailet.getAttribute("class").trim();
        return type.equals(simpleName) || type.endsWith("." + simpleName);
    }

    /** A snapshot, so callers may remove what they find. */
    private static List<Element> elements(Document document, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = document.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static void set(Element mailet, String name, String value) {
        Element parameter = mailet.getOwnerDocument().createElement(name);
        parameter.setTextContent(value);
        mailet.appendChild(parameter);
    }
}
