package org.imsajames.webadmin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * IMSA "Enable Outgoing TLS" as a generation's mailetcontainer.xml has it: the relay's RemoteDelivery with
 * {@code startTLS} true is enabled; {@code mail.smtp.starttls.required} true makes it required, else opportunistic.
 * James reads it at start only (RemoteDelivery), so the screen shows it and a change waits for a restart.
 */
final class OutgoingTls {
    private OutgoingTls() {
    }

    static Map<String, Object> read(Path generation) {
        Map<String, Object> json = new LinkedHashMap<>();
        Path file = generation.resolve("mailetcontainer.xml");
        boolean enabled = false;
        boolean required = false;
        boolean verify = false;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                Document document = factory.newDocumentBuilder().parse(in);
                NodeList mailets = document.getElementsByTagName("mailet");
                for (int i = 0; i < mailets.getLength(); i++) {
                    Element mailet = (Element) mailets.item(i);
                    String type = mailet.getAttribute("class");
                    if (!type.equals("RemoteDelivery") && !type.endsWith(".RemoteDelivery")
                            && !type.endsWith("MtaStsRemoteDelivery")) {
                        continue;
                    }
                    enabled |= "true".equals(childText(mailet, "startTLS"));
                    required |= "true".equals(childText(mailet, "mail.smtp.starttls.required"));
                    verify |= required && !"false".equals(childText(mailet, "verifyServerIdentity"));
                    break; // the first RemoteDelivery is the relay's
                }
            } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
                json.put("error", "mailetcontainer.xml cannot be read");
            }
        }
        json.put("enabled", enabled);
        json.put("mode", !enabled ? "none" : verify ? "verify" : required ? "required" : "opportunistic");
        return json;
    }

    private static String childText(Element parent, String name) {
        NodeList children = parent.getElementsByTagName(name);
        return children.getLength() == 0 ? null : children.item(0).getTextContent().trim();
    }
}
