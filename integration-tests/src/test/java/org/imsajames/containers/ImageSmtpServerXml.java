package org.imsajames.containers;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.imsajames.testkit.FreePorts;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The smtpserver.xml an image ships, with one handler put first in every handler chain and nothing else
 * changed but where the servers listen: with host networking, the image's {@code 0.0.0.0:25} would be
 * the host's, so each server gets a free loopback port.
 */
final class ImageSmtpServerXml {

    static final String PATH = "/root/conf/smtpserver.xml";

    private final Document document;
    private final List<Integer> ports = new ArrayList<>();

    private ImageSmtpServerXml(Document document) {
        this.document = document;
    }

    static ImageSmtpServerXml of(String image) {
        String xml = ImageFile.read(image, PATH);
        ImageSmtpServerXml smtpServers = new ImageSmtpServerXml(document(xml, "the image's " + PATH));
        smtpServers.bindToLoopback();
        return smtpServers;
    }

    private void bindToLoopback() {
        for (Element server : elements(document.getDocumentElement(), "smtpserver")) {
            int port = FreePorts.next();
            ports.add(port);
            List<Element> binds = elements(server, "bind");
            if (binds.size() != 1) {
                throw new IllegalStateException(PATH + ": expected one <bind> per <smtpserver>, found " + binds.size());
            }
            binds.get(0).setTextContent("127.0.0.1:" + port);
        }
        if (ports.isEmpty()) {
            throw new IllegalStateException(PATH + " has no <smtpserver>");
        }
    }

    /** Puts {@code handlerXml} (one {@code <handler>} element) first in every {@code <handlerchain>}. */
    ImageSmtpServerXml withFirstHandler(String handlerXml) {
        Node handler = document(handlerXml, "the handler").getDocumentElement();
        for (Element server : elements(document.getDocumentElement(), "smtpserver")) {
            for (Element chain : elements(server, "handlerchain")) {
                chain.insertBefore(document.importNode(handler, true), chain.getFirstChild());
            }
        }
        return this;
    }

    /** The port of the image's first SMTP server. */
    int firstPort() {
        return ports.get(0);
    }

    String xml() {
        try {
            StringWriter out = new StringWriter();
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write smtpserver.xml", e);
        }
    }

    private static Document document(String xml, String what) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot parse " + what + ":\n" + xml, e);
        }
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }
}
