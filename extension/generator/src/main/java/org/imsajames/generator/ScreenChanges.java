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
 * is named, and each value read by James at start (SMTP Interface, incoming TLS on/off, the relay's outgoing TLS)
 * that a screen save since the last generate changed and this one changes again, so that {@code generate} (and {@code --update}) never silently undoes what an admin saved.
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
        replaced.addAll(startOnly(before, staged, saved));
        return replaced;
    }

    /** The values James reads at start that the screen saved since the last generate and this one changes. */
    private static List<String> startOnly(Path before, Function<String, Path> staged, String saved)
            throws IOException {
        Set<String> savedOnScreen = startOnlyKeysSavedOnScreen(before);
        Map<String, String> old = StartOnlyValues.read(bytesOrNull(before.resolve(ConfFiles.SMTP_SERVER)),
                bytesOrNull(before.resolve(ConfFiles.MAILET_CONTAINER)));
        Map<String, String> now = StartOnlyValues.read(bytesOrNull(staged.apply(ConfFiles.SMTP_SERVER)),
                bytesOrNull(staged.apply(ConfFiles.MAILET_CONTAINER)));
        List<String> replaced = new ArrayList<>();
        for (String change : StartOnlyValues.changes(old, now)) {
            if (savedOnScreen.contains(change.substring(0, change.indexOf(' ')))) {
                replaced.add(saved + ": " + Printable.escape(change) + " (read by James at its next start)");
            }
        }
        return replaced;
    }

    /**
     * The names ("smtpInterface.port") the audit records of the screen's generations list, from CURRENT back to the
     * last one generate made (the first without audit.json).
     */
    private static Set<String> startOnlyKeysSavedOnScreen(Path current) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        Path generations = current.getParent();
        List<Path> older = new ArrayList<>();
        try (java.util.stream.Stream<Path> all = Files.list(generations)) {
            all.filter(Files::isDirectory).filter(path -> !path.getFileName().toString().startsWith("."))
                    .filter(path -> path.getFileName().toString()
                    .compareTo(current.getFileName().toString()) <= 0).forEach(older::add);
        }
        older.sort(java.util.Comparator.comparing((Path path) -> path.getFileName().toString()).reversed());
        for (Path generation : older) {
            Path audit = generation.resolve(AUDIT);
            if (!Files.isRegularFile(audit)) {
                break;
            }
            for (String change : changes(audit)) {
                int space = change.indexOf(' ');
                String key = space < 0 ? change : change.substring(0, space);
                if (key.startsWith("smtpInterface.") || key.startsWith("tls.incoming.enabled")
                        || key.startsWith("tls.outgoing.")) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private static List<String> changes(Path audit) {
        try {
            Object record = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new String(Files.readAllBytes(audit), StandardCharsets.UTF_8));
            if (record instanceof Map && ((Map<?, ?>) record).get("changes") instanceof List) {
                List<String> changes = new ArrayList<>();
                for (Object change : (List<?>) ((Map<?, ?>) record).get("changes")) {
                    changes.add(String.valueOf(change));
                }
                return changes;
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable record names no change.
        }
        return List.of();
    }

    private static byte[] bytesOrNull(Path file) throws IOException {
        return file != null && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
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
