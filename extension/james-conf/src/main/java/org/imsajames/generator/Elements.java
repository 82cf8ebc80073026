package org.imsajames.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small DOM edits on direct children, the only kind the generator makes. */
public final class Elements {
    private Elements() {
    }

    public static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE && node.getNodeName().equals(name)) {
                found.add((Element) node);
            }
        }
        return found;
    }

    public static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public static Optional<String> childText(Element parent, String name) {
        return child(parent, name).map(element -> element.getTextContent().trim());
    }

    /** The first child of that name, created (appended) when missing. */
    public static Element ensureChild(Element parent, String name) {
        Optional<Element> existing = child(parent, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        Element created = parent.getOwnerDocument().createElement(name);
        parent.appendChild(created);
        return created;
    }

    /** Sets the text of the first child of that name where it stands; duplicates would be ambiguous, so they go. */
    public static void setChildText(Element parent, String name, String text) {
        List<Element> existing = children(parent, name);
        for (int i = 1; i < existing.size(); i++) {
            parent.removeChild(existing.get(i));
        }
        ensureChild(parent, name).setTextContent(text);
    }

    public static void removeChildren(Element parent, String name) {
        for (Element child : children(parent, name)) {
            parent.removeChild(child);
        }
    }

    public static Element firstChildElement(Element parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                return (Element) node;
            }
        }
        return null;
    }
}
