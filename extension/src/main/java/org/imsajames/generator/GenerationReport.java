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
    private final List<Path> backups = new ArrayList<>();
    private final List<Path> removed = new ArrayList<>();

    void published(Path generation) {
        published = generation;
    }

    void unchanged(Path generation) {
        unchanged = generation;
    }

    void backedUp(Path backup) {
        backups.add(backup);
    }

    void removed(Path generation) {
        removed.add(generation);
    }

    /** The new generation's folder, now current; empty when the current one already held exactly these files. */
    public Optional<Path> published() {
        return Optional.ofNullable(published);
    }

    /** The generation that stays current because it already held exactly what this run generated. */
    public Optional<Path> unchanged() {
        return Optional.ofNullable(unchanged);
    }

    /** Regular files of the layout before generations, copied (or moved) aside when converting. */
    public List<Path> backups() {
        return Collections.unmodifiableList(backups);
    }

    /** Generations older than the ones kept. */
    public List<Path> removed() {
        return Collections.unmodifiableList(removed);
    }
}
