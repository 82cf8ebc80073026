package org.imsajames.generator;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * A temporary folder next to the conf folder (same file system) where every output file is written first.
 * Only when all of them are written are they moved into the conf folder, each with an atomic rename;
 * closing it deletes whatever was not moved. So a failure leaves the conf folder as it was.
 */
final class StagedConfFolder implements AutoCloseable {
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path folder;
    private final List<String> staged = new ArrayList<>();

    private StagedConfFolder(Path folder) {
        this.folder = folder;
    }

    /** The temporary folder is created owner-only (0700): it will hold the keystore and its secret. */
    static StagedConfFolder besides(Path confFolder) throws ConfFolderException, IOException {
        Path parent = confFolder.toAbsolutePath().normalize().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ConfFolderException(confFolder + ": its parent folder does not exist");
        }
        return new StagedConfFolder(Files.createTempDirectory(parent, ".imsa-james-"));
    }

    /** Where a file of that name is staged, for writers that create their own file (the keystore writer). */
    Path stage(String fileName) {
        if (!staged.contains(fileName)) {
            staged.add(fileName);
        }
        return folder.resolve(fileName);
    }

    void write(String fileName, byte[] content) throws IOException {
        Files.write(stage(fileName), content, StandardOpenOption.CREATE_NEW);
    }

    /** Created 0600 before any byte is written: the content is a secret or names one. */
    void writeOwnerOnly(String fileName, byte[] content) throws IOException {
        Path file = Files.createFile(stage(fileName), OWNER_ONLY);
        Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Moves the staged files into the conf folder in the order staged (so the file referring to the others
     * comes last). A file identical to the one in place is left alone; a different one is first copied to
     * NAME.bak-TIMESTAMP (0600, as it may hold the previous keystore secret).
     */
    GenerationReport publishTo(Path confFolder, Clock clock) throws IOException {
        Files.createDirectories(confFolder);
        GenerationReport published = new GenerationReport();
        for (String fileName : staged) {
            Path source = folder.resolve(fileName);
            Path target = confFolder.resolve(fileName);
            if (Files.isRegularFile(target)) {
                if (Arrays.equals(Files.readAllBytes(source), Files.readAllBytes(target))) {
                    published.unchanged(target);
                    continue;
                }
                published.backedUp(backUp(target, clock));
            }
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            published.written(target);
        }
        return published;
    }

    private static Path backUp(Path file, Clock clock) throws IOException {
        String stamp = BACKUP_STAMP.format(clock.instant());
        Path backup = file.resolveSibling(file.getFileName() + ".bak-" + stamp);
        for (int n = 1; ; n++) {
            try {
                Files.createFile(backup, OWNER_ONLY);
                Files.write(backup, Files.readAllBytes(file), StandardOpenOption.TRUNCATE_EXISTING);
                return backup;
            } catch (FileAlreadyExistsException e) {
                backup = file.resolveSibling(file.getFileName() + ".bak-" + stamp + "-" + n);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> leftovers = Files.list(folder)) {
            for (Path file : (Iterable<Path>) leftovers::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }
}
