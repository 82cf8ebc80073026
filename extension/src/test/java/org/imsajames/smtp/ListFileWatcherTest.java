package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.imsajames.policy.ListEntry;
import org.imsajames.policy.ListFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the watcher poll by poll: no timing, only what each poll decides. */
class ListFileWatcherTest {
    @TempDir
    Path folder;
    Path file;
    List<List<String>> installed;
    ListFileWatcher<List<String>> watcher;
    long clock = 1_000_000;

    @BeforeEach
    void setUp() throws Exception {
        file = folder.resolve("deny.list");
        write("10.0.0.1\n");
        installed = new ArrayList<>();
        watcher = new ListFileWatcher<>(file, this::canonicalEntries, installed::add);
    }

    @Test
    void unchangedFileIsNeverReloaded() {
        watcher.check();
        watcher.check();

        assertThat(installed).isEmpty();
    }

    @Test
    void changeIsAppliedOnceItHasSettledForOnePoll() throws Exception {
        write("10.0.0.1\n10.0.0.2\n");

        watcher.check();
        assertThat(installed).as("just changed: the writer may not be done").isEmpty();
        watcher.check();
        assertThat(installed).containsExactly(List.of("10.0.0.1/32", "10.0.0.2/32"));
        watcher.check();
        assertThat(installed).hasSize(1);
    }

    @Test
    void fileStillBeingWrittenIsNotAppliedHalfRead() throws Exception {
        write("10.0.0.1\n10.0.");
        watcher.check();
        write("10.0.0.1\n10.0.0.0:255.255.0.0\n");
        watcher.check();

        assertThat(installed).isEmpty();
        watcher.check();
        assertThat(installed).containsExactly(List.of("10.0.0.1/32", "10.0.0.0/16"));
    }

    @Test
    void invalidFileKeepsThePreviousPolicyAndIsRetriedOnlyWhenItChangesAgain() throws Exception {
        write("10.0.0.1\n10.0.0.0:255.0.255.0\n");
        watcher.check();
        watcher.check();
        watcher.check();
        assertThat(installed).isEmpty();

        write("10.0.0.3\n");
        watcher.check();
        watcher.check();
        assertThat(installed).containsExactly(List.of("10.0.0.3/32"));
    }

    @Test
    void deletedFileKeepsThePolicyUntilItIsBack() throws Exception {
        Files.delete(file);
        watcher.check();
        watcher.check();
        assertThat(installed).isEmpty();

        write("10.0.0.4\n");
        watcher.check();
        watcher.check();
        assertThat(installed).containsExactly(List.of("10.0.0.4/32"));
    }

    @Test
    void fileReplacedByRenameIsNoticed() throws Exception {
        Path next = folder.resolve("deny.list.new");
        Files.writeString(next, "10.0.0.9\n");
        Files.setLastModifiedTime(next, Files.getLastModifiedTime(file));
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        watcher.check();
        watcher.check();
        assertThat(installed).containsExactly(List.of("10.0.0.9/32"));
    }

    private List<String> canonicalEntries() throws org.imsajames.policy.ListFileException {
        List<String> entries = new ArrayList<>();
        for (ListEntry entry : ListFile.read(file)) {
            entries.add(entry.canonical());
        }
        return entries;
    }

    /** Writes with a new modification time each time, as a real editor some time later would. */
    private void write(String content) throws Exception {
        Files.writeString(file, content);
        clock += 1_000;
        Files.setLastModifiedTime(file, FileTime.fromMillis(clock));
    }
}
