package org.imsajames.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The generations of a conf folder as code inside James sees them (the Connections screen's Save): one publish at a
 * time under the same conf/imsa/.lock as {@code imsa-james generate}, and exactly its crash-safe publishing
 * ({@link ConfPublisher}: staged, forced to disk, one atomic switch of conf/imsa/current). Opened, the store holds
 * the lock until it is closed, so what is read from the current generation cannot change before the publish.
 */
public final class GenerationStore implements AutoCloseable {
    public static final String CURRENT = ConfFiles.CURRENT;
    public static final String IMSA_FOLDER = ConfFiles.IMSA_FOLDER;
    public static final String GENERATIONS = ConfFiles.GENERATIONS;
    public static final String SMTP_SERVER = ConfFiles.SMTP_SERVER;
    public static final String MAILET_CONTAINER = ConfFiles.MAILET_CONTAINER;
    public static final String CONNECTION_CONTROL_LIST = ConfFiles.CONNECTION_CONTROL_LIST;
    public static final String KEYSTORE = ConfFiles.KEYSTORE;
    public static final String TLS_ONLY = ConfFiles.TLS_ONLY;
    public static final String AUDIT = ConfFiles.AUDIT;

    private final ConfPublisher publisher;

    private GenerationStore(ConfPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Takes the conf folder's lock, waiting up to LOCKWAIT. KEEP: how many generations besides the current one
     * stay (the history).
     */
    public static GenerationStore open(Path confFolder, Duration lockWait, int keep)
            throws IOException, InterruptedException, ConfFolderException, ConfFolderBusyException {
        // The test hook as in imsa-james generate, so a crash test can kill James itself in the middle of a save.
        return new GenerationStore(ConfPublisher.open(confFolder, Clock.systemUTC(), lockWait, keep,
                PublishTestHook.fromEnvironment()));
    }

    /** The folder conf/imsa/current points at, if any. */
    public Optional<Path> currentGeneration() throws IOException {
        return publisher.currentGeneration();
    }

    /**
     * Publishes FILES (name to content, each written 0600 and forced to disk) as a new generation and makes it
     * current; returns its folder. Files that are not named are not carried over: the caller copies what it keeps.
     */
    public Path publish(Map<String, byte[]> files) throws IOException {
        try (ConfPublisher.Staging staging = publisher.stage()) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                staging.write(file.getKey(), file.getValue());
            }
            publisher.publish(staging);
        }
        return publisher.currentGeneration().orElseThrow(() -> new IOException("no current generation after publish"));
    }

    /** The generation folders present (the current one included), by ID. */
    public static Path generationsFolder(Path confFolder) {
        return confFolder.resolve(ConfFiles.IMSA_FOLDER).resolve(ConfFiles.GENERATIONS);
    }

    /**
     * The ID of a generation in generations/ that was never in force (a publish killed between its rename and the
     * switch of current, or one in progress), read without the lock: it is no version of the history.
     */
    public static Optional<String> unpublishedGeneration(Path confFolder) {
        return ConfPublisher.unpublishedGeneration(confFolder);
    }

    /** conf/imsa/current, whether or not it exists. */
    public static Path currentLink(Path confFolder) {
        return confFolder.resolve(ConfFiles.IMSA_FOLDER).resolve(ConfFiles.CURRENT);
    }

    /** The generation current points to now, read without the lock. */
    public static Optional<Path> currentGeneration(Path confFolder) {
        Path current = currentLink(confFolder);
        try {
            return Files.isDirectory(current) ? Optional.of(current.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        publisher.close();
    }
}
