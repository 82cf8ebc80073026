package org.imsajames.generator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Which generation a run published (or found already current), what it backed up and which old ones it removed. */
public final class GenerationReport {
    private Path published;
    private Path unchanged;
    private Path converted;
    private final List<Path> backups = new ArrayList<>();
    private final List<Path> removed = new ArrayList<>();
    private final List<String> restartNeeded = new ArrayList<>();
    private final List<Path> oldVersionStaging = new ArrayList<>();
    private final List<String> screenChangesReplaced = new ArrayList<>();
    private final List<String> operatorFileChanges = new ArrayList<>();

    void published(Path generation) {
        published = generation;
    }

    void unchanged(Path generation) {
        unchanged = generation;
    }

    void converted(Path generation) {
        converted = generation;
    }

    void backedUp(Path backup) {
        backups.add(backup);
    }

    void removed(Path generation) {
        removed.add(generation);
    }

    void oldVersionStaging(Path folder) {
        oldVersionStaging.add(folder);
    }

    /** What the Connections screen had saved in the generation before, and this one replaces. */
    void screenChangeReplaced(String change) {
        screenChangesReplaced.add(change);
    }

    /** What a published generation changed in a file the operator also edits (extensions.properties). */
    void operatorFileChanged(String change) {
        operatorFileChanges.add(change);
    }

    public List<String> operatorFileChanges() {
        return List.copyOf(operatorFileChanges);
    }

    public List<String> screenChangesReplaced() {
        return List.copyOf(screenChangesReplaced);
    }

    void restartNeeded(String fileName) {
        restartNeeded.add(fileName);
    }

    /** The new generation's folder, now current; empty when the current one already held exactly these files. */
    public Optional<Path> published() {
        return Optional.ofNullable(published);
    }

    /** The generation that stays current because it already held exactly what this run generated. */
    public Optional<Path> unchanged() {
        return Optional.ofNullable(unchanged);
    }

    /** The generation made of the regular files found in the conf folder (the layout before generations). */
    public Optional<Path> converted() {
        return Optional.ofNullable(converted);
    }

    /** Regular files of the layout before generations, copied (or moved) aside when converting. */
    public List<Path> backups() {
        return Collections.unmodifiableList(backups);
    }

    /** Generations older than the ones kept. */
    public List<Path> removed() {
        return Collections.unmodifiableList(removed);
    }

    /**
     * James's own files (smtpserver.xml, mailetcontainer.xml, jvm.properties, extensions.properties) that differ between the previous
     * generation and the published one: James reads them only at start, so they apply at its next start; the
     * connection-control list and its mode apply while it runs.
     */
    public List<String> restartNeeded() {
        return Collections.unmodifiableList(restartNeeded);
    }

    /** The line generate prints for each of {@link #restartNeeded()}. */
    public static String restartNotice(String fileName) {
        return fileName + " changed: restart James for it to apply (the connection-control list and its mode apply"
                + " within a second)";
    }

    /** Staging folders that versions before generations left in conf's parent when killed; named, never removed. */
    public List<Path> oldVersionStaging() {
        return Collections.unmodifiableList(oldVersionStaging);
    }

    /** The warning generate prints for each of {@link #oldVersionStaging()}. */
    public static String oldVersionStagingWarning(Path folder) {
        return folder + ": left by an older imsa-james killed while publishing; nothing reads it, and it may hold a"
                + " keystore and its secret: remove it (rm -r) once no old imsa-james runs";
    }
}
