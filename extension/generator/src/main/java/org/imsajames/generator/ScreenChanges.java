package org.imsajames.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.imsajames.settings.Printable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What a generate replaces of a save on the Connections screen: when the generation in force was made by the screen
 * (it holds the screen's audit.json), each of its list, mode, TLS only and keystore that the new generation changes
 * is named, so that {@code generate} (and {@code --update}) never silently undoes what an admin saved.
 */
final class ScreenChanges {
    static final String AUDIT = ConfFiles.AUDIT;

    private ScreenChanges() {
    }

    static List<String> replacedBy(Optional<Path> current, Function<String, Path> staged) throws IOException {
        List<String> replaced = new ArrayList<>();
        if (current.isEmpty() || !Files.isRegularFile(current.get().resolve(AUDIT))) {
            return replaced;
        }
        Path before = current.get();
        String saved = "version " + before.getFileName() + describe(before.resolve(AUDIT));
        Set<String> oldList = listLines(before.resolve(ConfFiles.CONNECTION_CONTROL_LIST));
        Set<String> newList = listLines(staged.apply(ConfFiles.CONNECTION_CONTROL_LIST));
        if (!mode(oldList).equals(mode(newList))) {
            replaced.add(saved + ": the mode (" + mode(oldList) + " becomes " + mode(newList) + ")");
        }
        Set<String> removed = new LinkedHashSet<>(oldList);
        removed.removeAll(newList);
        Set<String> added = new LinkedHashSet<>(newList);
        added.removeAll(oldList);
        removed.removeIf(line -> line.startsWith("#!"));
        added.removeIf(line -> line.startsWith("#!"));
        if (!removed.isEmpty() || !added.isEmpty()) {
            replaced.add(saved + ": the connection-control list (" + removed.size() + " entries removed, "
                    + added.size() + " added; e.g. " + example(removed, added) + ")");
        }
        if (!Arrays.equals(bytes(before.resolve(ConfFiles.TLS_ONLY)), bytes(staged.apply(ConfFiles.TLS_ONLY)))) {
            replaced.add(saved + ": TLS only");
        }
        if (!Arrays.equals(bytes(before.resolve(ConfFiles.KEYSTORE)), bytes(staged.apply(ConfFiles.KEYSTORE)))) {
            replaced.add(saved + ": the key and certificate (keystore.p12)");
        }
        return replaced;
    }

    private static String describe(Path audit) {
        try {
            Object record = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new String(Files.readAllBytes(audit), StandardCharsets.UTF_8));
            if (record instanceof Map) {
                Map<?, ?> map = (Map<?, ?>) record;
                return " (by " + Printable.escape(String.valueOf(map.get("by"))) + " at "
                        + Printable.escape(String.valueOf(map.get("at"))) + ")";
            }
        } catch (IOException | RuntimeException e) {
            // The record is only for the message.
        }
        return "";
    }

    private static String mode(Set<String> lines) {
        return lines.stream().filter(line -> line.startsWith("#! policy ")).map(line -> line.substring(10).trim())
                .findFirst().orElse("none");
    }

    private static String example(Set<String> removed, Set<String> added) {
        String first = !removed.isEmpty() ? "- " + removed.iterator().next() : "+ " + added.iterator().next();
        return Printable.escape(first);
    }

    /** The mode line and the entries (comments and the count aside), as a set. */
    private static Set<String> listLines(Path file) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        if (file == null || !Files.isRegularFile(file)) {
            return lines;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String text = line.trim();
            if (text.startsWith("#! policy")) {
                lines.add(text);
            } else if (!text.isEmpty() && !text.startsWith("#")) {
                int hash = text.indexOf('#');
                lines.add((hash < 0 ? text : text.substring(0, hash)).trim());
            }
        }
        return lines;
    }

    private static byte[] bytes(Path file) throws IOException {
        return file != null && Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
    }
}
