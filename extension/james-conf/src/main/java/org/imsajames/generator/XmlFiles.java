package org.imsajames.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads and writes James's XML configuration with the JDK DOM, keeping comments. Output is re-indented
 * from scratch so that editing the same file twice gives the same bytes.
 */
public final class XmlFiles {
    private XmlFiles() {
    }

    public static Document parse(InputStream input, String fileName) throws ConfFolderException, IOException {
        try {
            DocumentBuilder builder = builderFactory().newDocumentBuilder();
            // Errors become exceptions only; nothing is printed to stderr by the parser.
            builder.setErrorHandler(new DefaultHandler());
            Document document = builder.parse(input);
            dropIndentation(document);
            document.setXmlStandalone(true);
            return document;
        } catch (SAXParseException e) {
            throw new ConfFolderException(fileName + ":" + e.getLineNumber() + ": not well-formed XML: " + e.getMessage());
        } catch (SAXException e) {
            throw new ConfFolderException(fileName + ": not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be configured securely", e);
        }
    }

    /** UTF-8, four-space indentation, each top-level comment and the root element on lines of their own. */
    public static byte[] serialize(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "4");
            StringWriter text = new StringWriter();
            text.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            // The JDK serializer puts top-level nodes on one line; writing them one by one keeps them apart.
            for (Node node = document.getFirstChild(); node != null; node = node.getNextSibling()) {
                StringWriter part = new StringWriter();
                transformer.transform(new DOMSource(node), new StreamResult(part));
                text.write(part.toString().strip());
                text.write("\n");
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize XML", e);
        }
    }

    private static DocumentBuilderFactory builderFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // James's files have no DTD; refusing one rules out entity tricks (XXE, billion laughs).
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setIgnoringComments(false);
        return factory;
    }

    /** Whitespace between elements is layout only; dropping it lets the serializer indent consistently. */
    private static void dropIndentation(Node node) {
        NodeList children = node.getChildNodes();
        for (int i = children.getLength() - 1; i >= 0; i--) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.TEXT_NODE && child.getTextContent().isBlank()) {
                node.removeChild(child);
            } else {
                dropIndentation(child);
            }
        }
    }
}
