package org.imsajames.webadmin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.imsajames.generator.ConfFolderBusyException;
import org.imsajames.generator.ConfFolderException;
import org.imsajames.generator.GenerationStore;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The screen's state in James's conf folder, one version per published generation. A save takes conf/imsa/.lock
 * (the lock {@code imsa-james generate} takes, an OS file lock, so it also serialises James nodes sharing one conf
 * volume), compares If-Match with the generation current points to, and only then builds and publishes the new
 * generation; a stale version gets 412 and nothing is written.
 */
final class ConnectionsStore {
    /** Versions kept: the current one and this many before it (the history). */
    static final int DEFAULT_KEEP = 49;
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    /** Files the screen writes; everything else in a generation is carried over as it is. */
    private static final Set<String> SCREEN_FILES = Set.of(ConnectionsFiles.LIST, ConnectionsFiles.TLS_ONLY,
        ConnectionsFiles.KEYSTORE, ConnectionsFiles.AUDIT);

    interface Edit {
        Draft apply(Snapshot current) throws ApiError, IOException;
    }

    private final Path conf;
    private final int keep;
    private final ObjectMapper json;

    ConnectionsStore(Path conf, int keep, ObjectMapper json) {
        this.conf = conf;
        this.keep = keep;
        this.json = json;
    }

    Path conf() {
        return conf;
    }

    Snapshot current() throws IOException, ApiError {
        Optional<Path> generation = GenerationStore.currentGeneration(conf);
        if (generation.isEmpty()) {
            throw new ApiError(503, "conf/imsa/current does not exist: publish a generation with imsa-james generate");
        }
        return Snapshot.read(generation.get());
    }

    Optional<Path> generation(String version) {
        if (!version.matches("[0-9A-Za-z_.-]{1,64}") || version.startsWith(".")) {
            return Optional.empty(); // never a path of the caller's making
        }
        Path folder = GenerationStore.generationsFolder(conf).resolve(version);
        if (GenerationStore.unpublishedGeneration(conf).filter(version::equals).isPresent()) {
            return Optional.empty(); // never in force: a save killed before its switch
        }
        return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) ? Optional.of(folder) : Optional.empty();
    }

    /** Newest first (generation IDs sort by time); without one that was never in force. */
    List<Path> generations() throws IOException {
        List<Path> folders = new ArrayList<>();
        Path all = GenerationStore.generationsFolder(conf);
        if (!Files.isDirectory(all)) {
            return folders;
        }
        Optional<String> unpublished = GenerationStore.unpublishedGeneration(conf);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(all)) {
            for (Path entry : entries) {
                boolean neverInForce = unpublished.filter(entry.getFileName().toString()::equals).isPresent();
                if (!neverInForce && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    folders.add(entry);
                }
            }
        }
        folders.sort(Comparator.comparing((Path path) -> path.getFileName().toString()).reversed());
        return folders;
    }

    Snapshot save(String ifMatch, String by, Edit edit) throws ApiError, IOException, InterruptedException {
        String expected = IfMatch.version(ifMatch);
        try (GenerationStore store = GenerationStore.open(conf, LOCK_WAIT, keep)) {
            Path currentFolder = store.currentGeneration().orElseThrow(() -> new ApiError(503,
                "conf/imsa/current does not exist: publish a generation with imsa-james generate"));
            Snapshot current = Snapshot.read(currentFolder);
            if (!current.version().equals(expected)) {
                throw new ApiError(412, "the state changed since version " + expected + " was read (now "
                    + current.version() + "): reload it and apply your change again; nothing was changed");
            }
            Draft draft = edit.apply(current);
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(currentFolder)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (!SCREEN_FILES.contains(name) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                        files.put(name, Files.readAllBytes(entry));
                    }
                }
            }
            files.put(ConnectionsFiles.LIST, draft.list.render(by));
            files.put(ConnectionsFiles.TLS_ONLY, TlsOnlySetting.render(draft.tlsOnly));
            Path keystore = currentFolder.resolve(ConnectionsFiles.KEYSTORE);
            if (draft.keystore != null) {
                files.put(ConnectionsFiles.KEYSTORE, draft.keystore);
            } else if (Files.isRegularFile(keystore)) {
                files.put(ConnectionsFiles.KEYSTORE, Files.readAllBytes(keystore));
            }
            draft.serverFiles.forEach((name, bytes) -> {
                if (bytes == Draft.REMOVED) {
                    files.remove(name);
                } else {
                    files.put(name, bytes);
                }
            });
            List<String> changes = new ArrayList<>(AuditRecord.changes(current, draft.list, draft.tlsOnly,
                draft.certificate));
            changes.addAll(RestartOnlyValues.of(SmtpServerFacts.parse(files.get(ConnectionsFiles.SMTP_SERVER)),
                OutgoingTls.parse(files.get(ConnectionsFiles.MAILET_CONTAINER))).changesSince(current.restartOnly()));
            changes.addAll(draft.extraChanges);
            files.put(ConnectionsFiles.AUDIT, AuditRecord.render(json, by, Instant.now(), changes, draft.restoredFrom));
            return Snapshot.read(store.publish(files));
        } catch (ConfFolderBusyException e) {
            throw new ApiError(503, "another save or imsa-james generate holds conf/imsa/.lock; try again");
        } catch (ConfFolderException e) {
            throw new ApiError(500, "the conf folder cannot be published to: " + e.getMessage());
        }
    }
}
