package org.imsajames.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Publishes a generation into a conf folder crash-consistently (see {@link ConfFiles} for the layout): the files
 * are staged and forced to disk in conf/imsa/.staging-ID (the same file system as conf/, also when conf/ is a
 * mount point), the folder is renamed to generations/ID, and then one rename of a fresh symlink over
 * conf/imsa/current switches everything at once. A kill at any instant leaves current at the old generation or at
 * the new one, each whole. Like Kubernetes' ConfigMap volumes, where one "..data" symlink is swapped.
 *
 * <p>Held for the whole run: the lock, so a second generate waits and never interleaves. Old generations are the
 * backups: the current one and the last {@code keep} before it stay, older ones are removed.
 */
final class ConfPublisher implements AutoCloseable {
    static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);
    /** With the current one, 50 versions: the Connections screen's history (webAdmin.historyVersions). */
    static final int DEFAULT_KEEP = 49;
    private static final DateTimeFormatter ID_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Files.createTempDirectory(conf's parent, this) of the versions before generations. */
    static final String OLD_VERSION_STAGING = ".imsa-james-";

    private final Path conf;
    private final Path imsa;
    private final Path generations;
    private final Path current;
    private final Clock clock;
    private final int keep;
    private final PublishTestHook hook;
    private final PublishLock lock;

    private ConfPublisher(Path conf, Clock clock, int keep, PublishTestHook hook, PublishLock lock) {
        this.conf = conf;
        this.imsa = conf.resolve(ConfFiles.IMSA_FOLDER);
        this.generations = imsa.resolve(ConfFiles.GENERATIONS);
        this.current = imsa.resolve(ConfFiles.CURRENT);
        this.clock = clock;
        this.keep = keep;
        this.hook = hook;
        this.lock = lock;
    }

    /**
     * Checks the conf folder, takes its lock (waiting up to lockWait) and removes what killed runs left behind.
     */
    static ConfPublisher open(Path confFolder, Clock clock, Duration lockWait, int keep, PublishTestHook hook)
            throws IOException, ConfFolderException, ConfFolderBusyException, InterruptedException {
        Path conf = confFolder.toAbsolutePath().normalize();
        if (Files.exists(conf) && !Files.isDirectory(conf)) {
            throw new ConfFolderException(confFolder + ": not a folder");
        }
        Files.createDirectories(conf);
        MountPoints.ofThisProcess().refuseSingleFileMounts(conf, ConfFiles.LINKED);
        Path imsa = conf.resolve(ConfFiles.IMSA_FOLDER);
        if (!Files.isDirectory(imsa)) {
            try {
                Files.createDirectory(imsa, Durable.OWNER_ONLY_FOLDER);
            } catch (FileAlreadyExistsException e) {
                // Another run made it first; the lock below decides who goes on.
            }
            Durable.forceFolder(conf);
        }
        PublishLock lock = PublishLock.acquire(imsa.resolve(ConfFiles.LOCK), lockWait);
        hook.step("lock acquired");
        try {
            ConfPublisher publisher = new ConfPublisher(conf, clock, keep, hook, lock);
            publisher.removeLeftovers();
            return publisher;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The conf folder, absolute and normalised. */
    Path confFolder() {
        return conf;
    }

    /** The generation folder current points at, if there is one. */
    Optional<Path> currentGeneration() throws IOException {
        if (!Files.isSymbolicLink(current) || !Files.isDirectory(current)) {
            return Optional.empty();
        }
        return Optional.of(current.toRealPath());
    }

    /** A new, empty staging folder (0700) inside conf/imsa. */
    Staging stage() throws IOException {
        String id = ID_STAMP.format(clock.instant()) + "-" + Integer.toHexString(0x10000 + RANDOM.nextInt(0xF0000));
        return new Staging(id, Files.createDirectory(imsa.resolve(ConfFiles.STAGING_PREFIX + id),
                Durable.OWNER_ONLY_FOLDER));
    }

    /**
     * Makes the staged generation current, unless current already holds exactly these files; then links James's
     * file names to current (converting a folder of regular files on its first run) and prunes old backups.
     */
    GenerationReport publish(Staging staging) throws IOException {
        GenerationReport report = new GenerationReport();
        hook.step("begins");
        convertRegularFiles(report);
        Optional<Path> before = currentGeneration();
        if (before.isPresent() && sameFiles(staging.folder, before.get())) {
            report.unchanged(before.get());
            staging.delete();
        } else {
            Path generation = moveIntoGenerations(staging);
            hook.step("switch current");
            switchCurrentTo(staging);
            report.published(generation);
            if (before.isPresent()) {
                noteRestartNeeded(before.get(), generation, report);
            }
        }
        linkJamesFiles(report);
        hook.step("prune");
        pruneGenerations(report);
        pruneBackups();
        reportOldVersionStaging(report);
        hook.step("ends");
        return report;
    }

    /** James reads these only at start: a change in one of them waits for its next start. */
    private static void noteRestartNeeded(Path before, Path after, GenerationReport report) throws IOException {
        for (String name : List.of(ConfFiles.SMTP_SERVER, ConfFiles.MAILET_CONTAINER, ConfFiles.JVM_PROPERTIES,
                ConfFiles.EXTENSIONS_PROPERTIES)) {
            if (!Arrays.equals(contentOrNull(before.resolve(name)), contentOrNull(after.resolve(name)))) {
                report.restartNeeded(name);
            }
        }
    }

    private static byte[] contentOrNull(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    /**
     * The one-time conversion of a folder of regular files (the layout before generations), crash-consistent: the
     * files James reads now are copied (as NAME.bak-TIME too) into a generation of their own, current is pointed at
     * it, and each regular file is replaced by its link into current, which has the same content. A kill anywhere
     * in here leaves James reading exactly what it read before; the new generation is then published by the one
     * switch of current, and only after that are the old list and keystore (which the old smtpserver.xml names)
     * moved aside. A folder that was never converted has no jvm.properties of ours, and may have no
     * extensions.properties: an empty one stands in for each, which James reads as none.
     */
    private void convertRegularFiles(GenerationReport report) throws IOException {
        List<String> regular = new ArrayList<>();
        for (String name : ConfFiles.LINKED) {
            if (Files.isRegularFile(conf.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                regular.add(name);
            }
        }
        if (regular.isEmpty() || (currentGeneration().isPresent() && ConfFiles.ADDED_LATER.containsAll(regular))) {
            // A folder already in generations whose only regular file is one generations did not have at first
            // (the operator's extensions.properties) needs no conversion: linkJamesFiles links it after the
            // switch; James reads the operator's file until then, the generation's (its lines and ours) after.
            return;
        }
        String stamp = BACKUP_STAMP.format(clock.instant());
        for (String name : regular) {
            report.backedUp(backUp(conf.resolve(name), stamp));
        }
        try (Staging asFound = stage()) {
            for (String name : ConfFiles.LINKED) {
                // Following links: a run killed halfway through a conversion left some names linked already.
                Path file = conf.resolve(name);
                if (Files.isRegularFile(file)) {
                    asFound.write(name, Files.readAllBytes(file));
                } else if (ConfFiles.OPTIONAL.contains(name) && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    asFound.write(name, ("# imsa-james: there was no " + name + " before this conversion\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            Path generation = moveIntoGenerations(asFound);
            hook.step("convert: switch current to the files as found");
            switchCurrentTo(asFound);
            report.converted(generation);
        }
        for (String name : ConfFiles.LINKED) {
            Path file = conf.resolve(name);
            if (Files.isRegularFile(current.resolve(name))
                    && !(Files.isSymbolicLink(file) && Files.readSymbolicLink(file).toString().equals(ConfFiles.linkText(name)))) {
                hook.step("convert: link " + name);
                replaceBySymlink(file, ConfFiles.linkText(name), conf, ConfFiles.LINK_PREFIX + name);
            }
        }
        Durable.forceFolder(conf);
    }

    /**
     * Renames a forced staging folder to generations/ID and forces both folders; {@value ConfFiles#PENDING} names it
     * first, until {@link #switchCurrentTo} has made it current.
     */
    private Path moveIntoGenerations(Staging staging) throws IOException {
        if (!Files.isDirectory(generations)) {
            Files.createDirectory(generations, Durable.OWNER_ONLY_FOLDER);
            Durable.forceFolder(imsa);
        }
        Durable.forceFolder(staging.folder);
        Path pending = imsa.resolve(ConfFiles.PENDING);
        Files.deleteIfExists(pending);
        Durable.writeNew(pending, staging.id.getBytes(StandardCharsets.US_ASCII));
        Durable.forceFolder(imsa);
        hook.step("rename staging to generation");
        Path generation = generations.resolve(staging.id);
        Files.move(staging.folder, generation, StandardCopyOption.ATOMIC_MOVE);
        Durable.forceFolder(generations);
        Durable.forceFolder(imsa);
        return generation;
    }

    /** One rename of a fresh symlink over current; then the generation is in force and no longer pending. */
    private void switchCurrentTo(Staging staging) throws IOException {
        replaceBySymlink(current, ConfFiles.GENERATIONS + "/" + staging.id, imsa,
                ConfFiles.STAGING_PREFIX + "current-" + staging.id);
        Files.deleteIfExists(imsa.resolve(ConfFiles.PENDING));
        Durable.forceFolder(imsa);
    }

    /**
     * The generation {@value ConfFiles#PENDING} names, if it exists and current does not point to it: a run was
     * killed between its rename into generations/ and the switch, so it was never in force. Read without the lock
     * (the history hides it); a publish in progress has one too until its switch.
     */
    static Optional<String> unpublishedGeneration(Path confFolder) {
        Path imsa = confFolder.resolve(ConfFiles.IMSA_FOLDER);
        try {
            Path pending = imsa.resolve(ConfFiles.PENDING);
            if (!Files.isRegularFile(pending, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            String id = Files.readString(pending, StandardCharsets.US_ASCII).trim();
            Path generation = imsa.resolve(ConfFiles.GENERATIONS).resolve(id);
            if (!id.matches("[0-9A-Za-z_-]{1,64}") || !Files.isDirectory(generation, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Path current = imsa.resolve(ConfFiles.CURRENT);
            if (Files.isDirectory(current) && current.toRealPath().equals(generation.toRealPath())) {
                return Optional.empty();
            }
            return Optional.of(id);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * conf/NAME becomes a symlink to imsa/current/NAME (on a fresh folder, or for a name the old layout did not
     * have); a regular file there was converted already, above.
     */
    private void linkJamesFiles(GenerationReport report) throws IOException {
        String stamp = BACKUP_STAMP.format(clock.instant());
        boolean converted = false;
        for (String name : ConfFiles.LINKED) {
            Path file = conf.resolve(name);
            String wanted = ConfFiles.linkText(name);
            if (Files.isSymbolicLink(file) && Files.readSymbolicLink(file).toString().equals(wanted)) {
                continue;
            }
            if (!Files.exists(current.resolve(name))) {
                // A generation made before that name was ours (a Connections screen save carries the files of
                // the one before): the operator's file stays, never replaced by a link to nothing.
                continue;
            }
            if (Files.isRegularFile(file)) {
                report.backedUp(backUp(file, stamp));
            }
            hook.step("link " + name);
            replaceBySymlink(file, wanted, conf, ConfFiles.LINK_PREFIX + name);
            converted = true;
        }
        if (converted) {
            Durable.forceFolder(conf);
        }
        if (Files.isSymbolicLink(conf.resolve(ConfFiles.SMTP_SERVER))) {
            // The old layout's own files are no longer referred to by anything James reads: aside, as backups
            // (also when a run killed right after the conversion left them).
            for (String legacy : List.of(ConfFiles.LEGACY_LIST, ConfFiles.LEGACY_KEYSTORE)) {
                Path file = conf.resolve(legacy);
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Path backup = freeBackupName(file, stamp);
                    Files.move(file, backup, StandardCopyOption.ATOMIC_MOVE);
                    Durable.ownerOnly(backup);
                    report.backedUp(backup);
                    Durable.forceFolder(conf);
                }
            }
        }
    }

    /** A temporary symlink renamed over the target: rename(2) replaces it in one step, never leaving no file. */
    private static void replaceBySymlink(Path target, String linkText, Path folder, String temporaryName)
            throws IOException {
        Path temporary = folder.resolve(temporaryName);
        Files.deleteIfExists(temporary);
        Files.createSymbolicLink(temporary, Path.of(linkText));
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        Durable.forceFolder(folder);
    }

    private Path backUp(Path file, String stamp) throws IOException {
        for (int n = 0; ; n++) {
            Path backup = freeBackupName(file, stamp + (n == 0 ? "" : "-" + n));
            try {
                Durable.writeNew(backup, Files.readAllBytes(file));
                return backup;
            } catch (FileAlreadyExistsException e) {
                // Two backups within a second: the next suffix.
            }
        }
    }

    private static Path freeBackupName(Path file, String stamp) {
        Path backup = file.resolveSibling(file.getFileName() + ".bak-" + stamp);
        for (int n = 1; Files.exists(backup, LinkOption.NOFOLLOW_LINKS); n++) {
            backup = file.resolveSibling(file.getFileName() + ".bak-" + stamp + "-" + n);
        }
        return backup;
    }

    /** Keeps the current generation and the {@code keep} newest others (IDs sort by time). */
    private void pruneGenerations(GenerationReport report) throws IOException {
        if (!Files.isDirectory(generations)) {
            return;
        }
        Optional<Path> inForce = currentGeneration();
        List<Path> others;
        try (Stream<Path> all = Files.list(generations)) {
            others = all.filter(path -> inForce.isEmpty() || !path.getFileName().equals(inForce.get().getFileName()))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .collect(Collectors.toList());
        }
        for (int i = 0; i < others.size() - keep; i++) {
            // Renamed out first, so a generation folder is never half deleted; a kill here leaves a .staging-*.
            Path doomed = imsa.resolve(ConfFiles.STAGING_PREFIX + "old-" + others.get(i).getFileName());
            Files.move(others.get(i), doomed, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(doomed);
            report.removed(others.get(i));
        }
        Durable.forceFolder(generations);
    }

    /** NAME.bak-* of the old layout (and of conversions): the newest {@code keep} per name stay. */
    private void pruneBackups() throws IOException {
        Map<String, TreeSet<String>> byName = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(conf, "*.bak-*")) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                int bak = fileName.indexOf(".bak-");
                byName.computeIfAbsent(fileName.substring(0, bak), name -> new TreeSet<>(
                        Comparator.comparing(ConfPublisher::backupOrder).thenComparing(Comparator.naturalOrder())))
                        .add(fileName);
            }
        }
        for (TreeSet<String> backups : byName.values()) {
            while (backups.size() > keep) {
                Files.deleteIfExists(conf.resolve(backups.pollFirst()));
            }
        }
    }

    /** "NAME.bak-20261201-120000-2" sorts after "...-120000-1" and "...-120000", numerically. */
    private static String backupOrder(String fileName) {
        String stamp = fileName.substring(fileName.indexOf(".bak-") + 5);
        String[] parts = stamp.split("-");
        if (parts.length == 3 && parts[2].matches("[0-9]{1,9}")) {
            return parts[0] + "-" + parts[1] + "-" + String.format("%09d", Integer.parseInt(parts[2]));
        }
        return stamp + "-000000000";
    }

    /**
     * What runs killed before their switch left: staging folders, temporary symlinks, folders being deleted, and a
     * generation renamed into generations/ but never made current (renamed out first, like a pruned one).
     */
    private void removeLeftovers() throws IOException {
        Optional<String> unpublished = unpublishedGeneration(conf);
        if (unpublished.isPresent()) {
            Files.move(generations.resolve(unpublished.get()),
                    imsa.resolve(ConfFiles.STAGING_PREFIX + "old-" + unpublished.get()), StandardCopyOption.ATOMIC_MOVE);
            Durable.forceFolder(generations);
        }
        if (Files.deleteIfExists(imsa.resolve(ConfFiles.PENDING))) {
            Durable.forceFolder(imsa);
        }
        for (Path folder : List.of(imsa, conf)) {
            String prefix = folder == imsa ? ConfFiles.STAGING_PREFIX : ConfFiles.LINK_PREFIX;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, prefix + "*")) {
                for (Path entry : entries) {
                    deleteTree(entry);
                }
            }
        }
    }

    /**
     * Versions before generations staged in conf's parent, in folders named {@value #OLD_VERSION_STAGING}*; a run
     * killed there left one behind (it may hold a keystore and the smtpserver.xml with its secret). They are named,
     * not removed: the parent is not ours (it can be /, a home folder or a shared volume), an old version's run
     * may still be using its folder (it never took our lock), and a name pattern is only a guess at what a folder
     * is. Nothing reads them.
     */
    private void reportOldVersionStaging(GenerationReport report) throws IOException {
        Path parent = conf.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, OLD_VERSION_STAGING + "*")) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    report.oldVersionStaging(entry);
                }
            }
        } catch (java.nio.file.AccessDeniedException e) {
            // A parent we may not list holds nothing of ours.
        }
    }

    private static boolean sameFiles(Path staged, Path generation) throws IOException {
        List<String> stagedNames = names(staged);
        if (!stagedNames.equals(names(generation))) {
            return false;
        }
        for (String name : stagedNames) {
            if (!Arrays.equals(Files.readAllBytes(staged.resolve(name)), Files.readAllBytes(generation.resolve(name)))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> children;
            try (Stream<Path> list = Files.list(path)) {
                children = list.collect(Collectors.toList());
            }
            for (Path child : children) {
                deleteTree(child);
            }
        }
        Files.deleteIfExists(path);
    }

    @Override
    public void close() throws IOException {
        hook.step("release lock");
        lock.close();
    }

    /** One generation being written; deleting it is all a failure needs. */
    final class Staging implements AutoCloseable {
        private final String id;
        private final Path folder;
        private final List<String> files = new ArrayList<>();

        private Staging(String id, Path folder) {
            this.id = id;
            this.folder = folder;
        }

        /** Where a file of that name is staged, for writers that create their own file (the keystore writer). */
        Path path(String fileName) {
            if (!files.contains(fileName)) {
                files.add(fileName);
            }
            return folder.resolve(fileName);
        }

        /** 0600 from the start, forced to disk. */
        void write(String fileName, byte[] content) throws IOException {
            hook.step("stage " + fileName);
            Durable.writeNew(path(fileName), content);
        }

        /** For a file written by another writer: made 0600 and forced to disk. */
        void seal(String fileName) throws IOException {
            Path file = path(fileName);
            Durable.ownerOnly(file);
            Durable.force(file);
        }

        void delete() throws IOException {
            deleteTree(folder);
        }

        @Override
        public void close() throws IOException {
            // After publish the folder has been renamed away; before it, a failure leaves nothing behind.
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                delete();
            }
        }
    }
}
