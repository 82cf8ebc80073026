package org.imsajames.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One mapping of the composed YAML node tree, read strictly: every value keeps its line so errors can
 * name "file:line: key.path", and keys nobody asked for are refused.
 */
final class YamlSection {

    private final String fileName;
    private final String path;
    private final int line;
    private final Map<String, NodeTuple> tuples;

    private YamlSection(String fileName, String path, int line, Map<String, NodeTuple> tuples) {
        this.fileName = fileName;
        this.path = path;
        this.line = line;
        this.tuples = tuples;
    }

    /** The document root; an empty document is an empty section (every setting takes its default). */
    static YamlSection root(Node document, String fileName) throws SettingsException {
        if (document == null) {
            return new YamlSection(fileName, "", 1, new LinkedHashMap<>());
        }
        return of(document, fileName, "");
    }

    private static YamlSection of(Node node, String fileName, String path) throws SettingsException {
        String where = fileName + ":" + lineOf(node);
        if (!(node instanceof MappingNode)) {
            throw new SettingsException(where, (path.isEmpty() ? "the settings" : path) + " must be a mapping of keys");
        }
        Map<String, NodeTuple> tuples = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            Node keyNode = tuple.getKeyNode();
            String keyWhere = fileName + ":" + lineOf(keyNode);
            if (!(keyNode instanceof ScalarNode)) {
                throw new SettingsException(keyWhere, "a key under " + describe(path) + " must be a plain name");
            }
            String key = ((ScalarNode) keyNode).getValue();
            if (tuples.put(key, tuple) != null) {
                throw new SettingsException(keyWhere, "duplicate key '" + join(path, key) + "'");
            }
        }
        return new YamlSection(fileName, path, lineOf(node), tuples);
    }

    /** Refuses any key not listed: a typo must not silently fall back to a weaker default. */
    void allowOnly(String... keys) throws SettingsException {
        List<String> allowed = Arrays.asList(keys);
        for (Map.Entry<String, NodeTuple> entry : tuples.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw new SettingsException(originOfKey(entry.getValue()),
                        "unknown key '" + join(path, entry.getKey()) + "' (expected one of: "
                                + String.join(", ", allowed) + ")");
            }
        }
    }

    /** Whether KEY is given (with any value but null). */
    boolean has(String key) {
        NodeTuple tuple = tuples.get(key);
        return tuple != null && !isNull(tuple.getValueNode());
    }

    /** A nested mapping; absent or empty gives an empty section, so its settings take their defaults. */
    YamlSection section(String key) throws SettingsException {
        NodeTuple tuple = tuples.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) {
            int at = tuple == null ? line : lineOf(tuple.getKeyNode());
            return new YamlSection(fileName, join(path, key), at, new LinkedHashMap<>());
        }
        return of(tuple.getValueNode(), fileName, join(path, key));
    }

    Optional<Located<String>> text(String key) throws SettingsException {
        NodeTuple tuple = tuples.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) {
            return Optional.empty();
        }
        ScalarNode scalar = scalar(tuple.getValueNode(), key);
        return Optional.of(new Located<>(scalar.getValue(), originOf(scalar)));
    }

    String text(String key, String defaultValue) throws SettingsException {
        Optional<Located<String>> value = text(key);
        return value.isPresent() ? value.get().value() : defaultValue;
    }

    int wholeNumber(String key, int defaultValue, int min, int max) throws SettingsException {
        Optional<Located<String>> value = text(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return SmtpInterfaceRules.wholeNumber(join(path, key), value.get().value(), min, max);
        } catch (SettingRuleException e) {
            throw new SettingsException(value.get().origin(), e.getMessage());
        }
    }

    /** A numeric key of the smtpInterface section, with the range {@link SmtpInterfaceRules} gives it. */
    int smtpInterfaceNumber(String key, int defaultValue) throws SettingsException {
        return wholeNumber(key, defaultValue, SmtpInterfaceRules.min(key), SmtpInterfaceRules.max(key));
    }

    /** YAML 1.1 booleans, as snakeyaml reads them: true/false, yes/no, on/off. */
    boolean flag(String key, boolean defaultValue) throws SettingsException {
        Optional<Boolean> value = optionalFlag(key);
        return value.orElse(defaultValue);
    }

    Optional<Boolean> optionalFlag(String key) throws SettingsException {
        Optional<Located<String>> value = text(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        switch (value.get().value().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on":
                return Optional.of(Boolean.TRUE);
            case "false": case "no": case "off":
                return Optional.of(Boolean.FALSE);
            default:
                throw new SettingsException(value.get().origin(),
                        join(path, key) + " must be true or false, not '" + value.get().value() + "'");
        }
    }

    /** A list of single values; one bare value counts as a list of one. Each item keeps its own line. */
    List<Located<String>> textList(String key) throws SettingsException {
        NodeTuple tuple = tuples.get(key);
        List<Located<String>> items = new ArrayList<>();
        if (tuple == null || isNull(tuple.getValueNode())) {
            return items;
        }
        Node value = tuple.getValueNode();
        if (value instanceof ScalarNode) {
            items.add(new Located<>(((ScalarNode) value).getValue(), originOf(value)));
            return items;
        }
        if (!(value instanceof SequenceNode)) {
            throw new SettingsException(originOf(value), join(path, key) + " must be a list");
        }
        for (Node item : ((SequenceNode) value).getValue()) {
            if (isNull(item)) {
                throw new SettingsException(originOf(item), join(path, key) + " has an empty item");
            }
            ScalarNode scalar = scalar(item, key);
            items.add(new Located<>(scalar.getValue(), originOf(scalar)));
        }
        return items;
    }

    /** A list of mappings (one bare mapping counts as a list of one), each read as a section of its own. */
    List<YamlSection> sectionList(String key) throws SettingsException {
        NodeTuple tuple = tuples.get(key);
        List<YamlSection> items = new ArrayList<>();
        if (tuple == null || isNull(tuple.getValueNode())) {
            return items;
        }
        Node value = tuple.getValueNode();
        if (value instanceof MappingNode) {
            items.add(of(value, fileName, join(path, key)));
            return items;
        }
        if (!(value instanceof SequenceNode)) {
            throw new SettingsException(originOf(value), join(path, key) + " must be a list");
        }
        for (Node item : ((SequenceNode) value).getValue()) {
            items.add(of(item, fileName, join(path, key)));
        }
        return items;
    }

    /** Where this section starts, for errors about the section as a whole. */
    String origin() {
        return fileName + ":" + line;
    }

    String keyPath(String key) {
        return join(path, key);
    }

    private ScalarNode scalar(Node node, String key) throws SettingsException {
        if (!(node instanceof ScalarNode)) {
            throw new SettingsException(originOf(node), join(path, key) + " must be a single value");
        }
        return (ScalarNode) node;
    }

    private String originOf(Node node) {
        return fileName + ":" + lineOf(node);
    }

    private String originOfKey(NodeTuple tuple) {
        return originOf(tuple.getKeyNode());
    }

    private static boolean isNull(Node node) {
        return Tag.NULL.equals(node.getTag());
    }

    private static int lineOf(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(String path) {
        return path.isEmpty() ? "the top level" : "'" + path + "'";
    }
}
