package org.imsajames.generator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Which files a generation wrote, found already up to date, or backed up before replacing. */
public final class GenerationReport {
    private final List<Path> written = new ArrayList<>();
    private final List<Path> unchanged = new ArrayList<>();
    private final List<Path> backups = new ArrayList<>();

    void written(Path file) {
        written.add(file);
    }

    void unchanged(Path file) {
        unchanged.add(file);
    }

    void backedUp(Path backup) {
        backups.add(backup);
    }

    public List<Path> written() {
        return Collections.unmodifiableList(written);
    }

    public List<Path> unchanged() {
        return Collections.unmodifiableList(unchanged);
    }

    public List<Path> backups() {
        return Collections.unmodifiableList(backups);
    }
}
