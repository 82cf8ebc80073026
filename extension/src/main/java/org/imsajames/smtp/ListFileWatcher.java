package org.imsajames.smtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.imsajames.policy.ListFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a list file and calls back when it has changed and then stayed the same for one interval, so a file
 * still being written is not applied half-read. A failed reload is reported once and tried again only when the
 * file changes again; until then the caller keeps its previous policy.
 */
final class ListFileWatcher<T> implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ListFileWatcher.class);

    /** Reads what the changed file now says; throws when the new content cannot be used. */
    interface Loader<T> {
        T load() throws ListFileException;
    }

    private final Path file;
    private final Loader<T> loader;
    private final Consumer<T> install;
    private final ScheduledExecutorService executor;
    private FileState settled;
    private FileState pending;

    ListFileWatcher(Path file, Loader<T> loader, Consumer<T> install) {
        this.file = file;
        this.loader = loader;
        this.install = install;
        this.settled = FileState.of(file);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imsa-list-watcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(Duration interval) {
        executor.scheduleWithFixedDelay(this::checkSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep watching whatever happened.
            LOGGER.error("Unexpected failure while checking {}; keeping the current policy", file, e);
        }
    }

    /** One poll. Package-private so tests can drive it without timing. */
    synchronized void check() {
        FileState now = FileState.of(file);
        if (now.equals(settled)) {
            pending = null;
            return;
        }
        if (!now.equals(pending)) {
            pending = now;
            return;
        }
        pending = null;
        try {
            T loaded = loader.load();
            if (!FileState.of(file).equals(now)) {
                return; // written to while we read it: wait until it settles again
            }
            install.accept(loaded);
            LOGGER.info("Reloaded connection-control list {}", file);
        } catch (ListFileException e) {
            LOGGER.error("Invalid connection-control list, keeping the previous policy: {}", e.getMessage());
        }
        settled = now;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Enough of a file's identity to notice a rewrite in place or a replacement by rename. */
    private static final class FileState {
        private static final FileState MISSING = new FileState(null, -1, -1);

        private final Object fileKey;
        private final long modifiedNanos;
        private final long size;

        private FileState(Object fileKey, long modifiedNanos, long size) {
            this.fileKey = fileKey;
            this.modifiedNanos = modifiedNanos;
            this.size = size;
        }

        static FileState of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileState(attributes.fileKey(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    attributes.size());
            } catch (NoSuchFileException e) {
                return MISSING;
            } catch (IOException e) {
                return new FileState(e.getClass().getName(), -1, -1);
            }
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof FileState)) {
                return false;
            }
            FileState that = (FileState) other;
            return Objects.equals(fileKey, that.fileKey) && modifiedNanos == that.modifiedNanos && size == that.size;
        }

        @Override
        public int hashCode() {
            return Objects.hash(fileKey, modifiedNanos, size);
        }
    }
}
