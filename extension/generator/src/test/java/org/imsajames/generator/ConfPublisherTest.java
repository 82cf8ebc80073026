package org.imsajames.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.imsajames.settings.SettingsLoader;
import org.imsajames.testkit.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published layout, its one switch, the lock, the pruning of backups and the conversion of an old folder. */
class ConfPublisherTest {
    @TempDir
    Path folder;

    private final Clock clock = Clock.systemUTC();

    @Test
    void publishesAGenerationBehindOneCurrentSymlinkWithRelativeLinksAndOwnerOnlyModes() throws Exception {
        Path conf = folder.resolve("conf");

        GenerationReport report = generate(settings("accept-all-except", "10.1.0.0/16"), conf, false, 5);

        Path generation = report.published().orElseThrow();
        assertThat(generation.getParent()).isEqualTo(conf.resolve("imsa/generations").toRealPath());
        // The format conf-templates/README.md gives for a restore by hand, and its example ID.
        String id = "[0-9]{8}-[0-9]{6}-[0-9]{3}-[0-9a-f]{5}";
        assertThat(generation.getFileName().toString()).matches(id);
        assertThat(read(Path.of("../../conf-templates/README.md"))).contains("yyyyMMdd-HHmmss-SSS-xxxxx")
                .containsPattern("ln -s generations/" + id + " ");
        assertThat(Files.readSymbolicLink(conf.resolve("imsa/current")).toString())
                .isEqualTo("generations/" + generation.getFileName());
        for (String name : List.of("smtpserver.xml", "mailetcontainer.xml", "jvm.properties", "extensions.properties")) {
            assertThat(Files.readSymbolicLink(conf.resolve(name)).toString()).isEqualTo("imsa/current/" + name);
        }
        assertThat(mode(conf.resolve("imsa"))).isEqualTo("rwx------");
        assertThat(mode(conf.resolve("imsa/generations"))).isEqualTo("rwx------");
        assertThat(mode(generation)).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(generation)) {
            assertThat(files.collect(Collectors.toList())).hasSize(5)
                    .allSatisfy(file -> assertThat(mode(file)).isEqualTo("rw-------"));
        }
        assertThat(read(conf.resolve("imsa/current/connection-control.list"))).endsWith(
                "#! policy accept-all-except\n#! entries 1\n10.1.0.0/16\n");
        assertThat(read(conf.resolve("smtpserver.xml"))).contains(
                "<listFile>file://conf/imsa/current/connection-control.list</listFile>").doesNotContain("<policy>");
    }

    @Test
    void aGenerationRenamedInButNeverMadeCurrentIsNoVersionAndTheNextRunRemovesIt() throws Exception {
        Path conf = folder.resolve("conf");
        Path first = generate(settings("accept-all-except", "10.1.0.0/16"), conf, false, 5).published().orElseThrow();
        // What a run killed between the rename into generations/ and the switch of current leaves behind.
        Path orphan = Files.createDirectory(conf.resolve("imsa/generations/20990101-000000-000-12345"));
        Files.writeString(orphan.resolve("connection-control.list"), "#! policy deny-all-except\n");
        Files.writeString(conf.resolve("imsa/.pending"), orphan.getFileName() + "\n");
        assertThat(GenerationStore.unpublishedGeneration(conf)).contains(orphan.getFileName().toString());

        Path second = generate(settings("deny-all-except", "10.2.0.0/16"), conf, false, 5).published().orElseThrow();

        assertThat(orphan).doesNotExist();
        assertThat(conf.resolve("imsa/.pending")).doesNotExist();
        assertThat(conf.resolve("imsa/current").toRealPath()).isEqualTo(second);
        assertThat(first).isDirectory();
        // Killed after the switch: .pending names the generation in force, which is a version like any other.
        Files.writeString(conf.resolve("imsa/.pending"), second.getFileName().toString());
        assertThat(GenerationStore.unpublishedGeneration(conf)).isEmpty();
    }

    @Test
    void aSecondGenerateSwitchesCurrentAndKeepsThePreviousGenerationWhole() throws Exception {
        Path conf = folder.resolve("conf");
        Path first = generate(settings("accept-all-except", "10.1.0.0/16"), conf, false, 5).published().orElseThrow();
        String firstList = read(first.resolve("connection-control.list"));

        Path second = generate(settings("deny-all-except", "10.2.0.0/16"), conf, false, 5).published().orElseThrow();

        assertThat(conf.resolve("imsa/current").toRealPath()).isEqualTo(second);
        assertThat(read(conf.resolve("imsa/current/connection-control.list"))).contains("#! policy deny-all-except");
        assertThat(read(first.resolve("connection-control.list"))).isEqualTo(firstList);
    }

    @Test
    void keepsTheCurrentGenerationAndTheLastFiveAndRemovesStagingLeftoversOfKilledRuns() throws Exception {
        Path conf = folder.resolve("conf");
        List<Path> published = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            published.add(generate(settings("accept-all-except", "10.1." + i + ".0/24"), conf, false, 5)
                    .published().orElseThrow());
        }
        // What a run killed before its switch leaves behind.
        Files.createDirectories(conf.resolve("imsa/.staging-20200101-000000-000-12345"));
        Files.writeString(conf.resolve("imsa/.staging-20200101-000000-000-12345/smtpserver.xml"), "half");
        Files.createSymbolicLink(conf.resolve("imsa/.staging-current-x"), Path.of("generations/x"));
        Files.createSymbolicLink(conf.resolve(".imsa-link-smtpserver.xml"), Path.of("imsa/current/smtpserver.xml"));

        Path last = generate(settings("accept-all-except", "10.9.0.0/24"), conf, false, 5).published().orElseThrow();

        assertThat(ConfGeneratorTest.names(conf.resolve("imsa/generations"))).containsExactlyElementsOf(
                Stream.concat(published.subList(3, 8).stream(), Stream.of(last))
                        .map(path -> path.getFileName().toString()).collect(Collectors.toList()));
        assertThat(ConfGeneratorTest.names(conf.resolve("imsa"))).containsExactly(".lock", "current", "generations");
        assertThat(ConfGeneratorTest.names(conf)).containsExactly("extensions.properties", "imsa", "jvm.properties",
                "mailetcontainer.xml", "smtpserver.xml");
    }

    @Test
    void theNumberOfGenerationsKeptIsConfigurable() throws Exception {
        Path conf = folder.resolve("conf");
        for (int i = 0; i < 4; i++) {
            generate(settings("accept-all-except", "10.1." + i + ".0/24"), conf, false, 1);
        }

        assertThat(ConfGeneratorTest.names(conf.resolve("imsa/generations"))).hasSize(2);
    }

    @Test
    void convertsAFolderOfRegularFilesBackingThemUpOwnerOnlyAndBoundsOldBackupsToFivePerName() throws Exception {
        Path conf = Files.createDirectories(folder.resolve("conf"));
        Files.writeString(conf.resolve("smtpserver.xml"), "<smtpservers/>\n");
        Files.writeString(conf.resolve("mailetcontainer.xml"), "<mailetcontainer/>\n");
        Files.writeString(conf.resolve("jvm.properties"), "operator.key=1\n");
        Files.writeString(conf.resolve("imsa-connection-control.list"), "10.0.0.1\n");
        Files.writeString(conf.resolve("imsa-keystore.p12"), "old keystore");
        for (int i = 0; i < 7; i++) {
            Files.writeString(conf.resolve("smtpserver.xml.bak-20200101-00000" + i), "old " + i);
        }

        GenerationReport report = generate(settings("accept-all-except", "10.1.0.0/16"), conf, false, 5);

        assertThat(report.backups()).extracting(path -> path.getFileName().toString().replaceAll("\\.bak-.*", ""))
                .containsExactly("mailetcontainer.xml", "jvm.properties", "smtpserver.xml",
                        "imsa-connection-control.list", "imsa-keystore.p12");
        for (Path backup : report.backups()) {
            assertThat(mode(backup)).isEqualTo("rw-------");
        }
        assertThat(read(report.backups().get(2))).isEqualTo("<smtpservers/>\n");
        assertThat(Files.isSymbolicLink(conf.resolve("smtpserver.xml"))).isTrue();
        assertThat(conf.resolve("imsa-keystore.p12")).doesNotExist();
        try (Stream<Path> backups = Files.list(conf)) {
            List<String> smtpBackups = backups.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("smtpserver.xml.bak-")).sorted().collect(Collectors.toList());
            assertThat(smtpBackups).hasSize(5).doesNotContain("smtpserver.xml.bak-20200101-000000",
                    "smtpserver.xml.bak-20200101-000001", "smtpserver.xml.bak-20200101-000002");
            assertThat(smtpBackups).contains(report.backups().get(2).getFileName().toString());
        }
    }

    @Test
    void theConversionFirstMakesAGenerationOfTheFilesAsFoundThenPublishesTheNewOneByTheOneSwitch() throws Exception {
        Path conf = Files.createDirectories(folder.resolve("conf"));
        Files.writeString(conf.resolve("smtpserver.xml"), "<smtpservers>old</smtpservers>\n");
        Files.writeString(conf.resolve("mailetcontainer.xml"), "<mailetcontainer>old</mailetcontainer>\n");
        Files.writeString(conf.resolve("imsa-connection-control.list"), "10.0.0.1\n");

        GenerationReport report = generate(settings("accept-all-except", "10.1.0.0/16"), conf, false, 5);

        Path asFound = report.converted().orElseThrow();
        assertThat(ConfGeneratorTest.names(asFound))
                .containsExactly("extensions.properties", "jvm.properties", "mailetcontainer.xml", "smtpserver.xml");
        assertThat(read(asFound.resolve("smtpserver.xml"))).isEqualTo("<smtpservers>old</smtpservers>\n");
        assertThat(read(asFound.resolve("mailetcontainer.xml"))).isEqualTo("<mailetcontainer>old</mailetcontainer>\n");
        assertThat(read(asFound.resolve("jvm.properties"))).as("none before: a stand-in James reads as none")
                .doesNotContain("=");
        assertThat(read(asFound.resolve("extensions.properties"))).as("none before: a stand-in James reads as none")
                .doesNotContain("=");
        assertThat(conf.resolve("imsa/current").toRealPath()).isEqualTo(report.published().orElseThrow());
        assertThat(report.restartNeeded()).containsExactly("smtpserver.xml", "mailetcontainer.xml", "jvm.properties",
                "extensions.properties");
        assertThat(conf.resolve("imsa-connection-control.list")).doesNotExist();
        for (String name : List.of("smtpserver.xml", "mailetcontainer.xml", "jvm.properties", "extensions.properties")) {
            assertThat(Files.readSymbolicLink(conf.resolve(name))).hasToString("imsa/current/" + name);
        }
    }

    @Test
    void namesButNeverRemovesStagingFoldersOfOldVersionsInTheParent() throws Exception {
        Path conf = folder.resolve("conf");
        Path oldStaging = Files.createDirectories(folder.resolve(".imsa-james-4711"));
        Files.writeString(oldStaging.resolve("imsa-keystore.p12"), "old keystore");
        Files.writeString(folder.resolve(".imsa-james-file"), "not a folder");
        Files.createDirectories(folder.resolve("imsa-james-other"));

        GenerationReport report = generate(settings("accept-all-except", "10.1.0.0/16"), conf, false, 5);

        assertThat(report.oldVersionStaging()).containsExactly(oldStaging.toAbsolutePath().normalize());
        assertThat(oldStaging.resolve("imsa-keystore.p12")).exists();
        assertThat(GenerationReport.oldVersionStagingWarning(oldStaging)).startsWith(oldStaging + ": left by an older"
                + " imsa-james killed while publishing").contains("remove it");
    }

    @Test
    void updateKeepsTheOperatorsJvmPropertiesLinesAndSetsOnlyOurs() throws Exception {
        Path conf = Files.createDirectories(folder.resolve("conf"));
        Files.writeString(conf.resolve("jvm.properties"), "# operator\nmy.own=1\n"
                + "jdk.tls.rejectClientInitiatedRenegotiation=false\nother=2\n");

        generate(settings("accept-all-except", "10.1.0.0/16"), conf, true, 5);

        assertThat(read(conf.resolve("jvm.properties"))).isEqualTo("# operator\nmy.own=1\n"
                + "jdk.tls.rejectClientInitiatedRenegotiation=true\nother=2\njames.protocols.mdc.hostname=false\n"
                + "imsajames.tls.incoming.engine=native\n");
    }

    @Test
    void generateKeepsTheOperatorsExtensionsAddsOurModuleOnceAndLinksTheFileIntoTheGeneration() throws Exception {
        Path conf = Files.createDirectories(folder.resolve("conf"));
        String operators = "# operator\nguice.extension.module=com.example.RateLimits\nguice.extension.task=com.example.T\n";
        Files.writeString(conf.resolve("extensions.properties"), operators);

        GenerationReport first = generate(settings("accept-all-except", "10.1.0.0/16"), conf, false, 5);

        assertThat(Files.readSymbolicLink(conf.resolve("extensions.properties")))
                .hasToString("imsa/current/extensions.properties");
        assertThat(read(conf.resolve("extensions.properties"))).isEqualTo("# operator\n"
                + "guice.extension.module=com.example.RateLimits,org.imsajames.tlsengine.NativeTlsModule\n"
                + "guice.extension.task=com.example.T\n");
        assertThat(first.operatorFileChanges()).singleElement().asString()
                .contains("added org.imsajames.tlsengine.NativeTlsModule to the operator's guice.extension.module");
        assertThat(first.backups()).extracting(path -> read(path)).contains(operators);

        GenerationReport again = generate(settings("accept-all-except", "10.1.0.0/16"), conf, true, 5);
        GenerationReport fresh = generate(settings("accept-all-except", "10.2.0.0/16"), conf, false, 5);

        assertThat(again.unchanged()).as("the module is not added twice").isPresent();
        assertThat(again.operatorFileChanges()).isEmpty();
        assertThat(fresh.operatorFileChanges()).isEmpty();
        assertThat(fresh.restartNeeded()).doesNotContain("extensions.properties");
        assertThat(read(conf.resolve("extensions.properties")))
                .isEqualTo(read(first.published().orElseThrow().resolve("extensions.properties")));
    }

    @Test
    void aGenerationWithoutExtensionsPropertiesNeverReplacesTheOperatorsFileByALinkToNothing() throws Exception {
        // A folder published by a version before extensions.properties was ours; a Connections screen save then
        // publishes a generation that carries only the files of the one before.
        Path conf = folder.resolve("conf");
        Path older = generate(settings("accept-all-except", "10.1.0.0/16"), conf, false, 5).published().orElseThrow();
        Files.delete(older.resolve("extensions.properties"));
        Files.delete(conf.resolve("extensions.properties"));
        Files.writeString(conf.resolve("extensions.properties"), "guice.extension.module=com.example.Own\n");
        Map<String, byte[]> carried = new java.util.LinkedHashMap<>();
        for (String name : ConfGeneratorTest.names(older)) {
            carried.put(name, Files.readAllBytes(older.resolve(name)));
        }

        try (GenerationStore store = GenerationStore.open(conf, java.time.Duration.ofSeconds(5), 5)) {
            store.publish(carried);
        }

        assertThat(Files.isSymbolicLink(conf.resolve("extensions.properties"))).isFalse();
        assertThat(read(conf.resolve("extensions.properties"))).isEqualTo("guice.extension.module=com.example.Own\n");
        assertThat(conf.resolve("imsa/current/smtpserver.xml")).exists();
    }

    @Test
    void reverseDnsLookupTrueTurnsJamesHostNameLookupBackOn() throws Exception {
        Path conf = folder.resolve("conf");
        Path file = TestSettings.write(folder, "dns.yaml", "smtpInterface: {reverseDnsLookup: true}");

        generate(check(file), conf, false, 5);

        assertThat(read(conf.resolve("jvm.properties"))).contains("james.protocols.mdc.hostname=true\n");
    }

    @Test
    void theIncomingTlsEngineIsNativeUnlessTheSettingsSayJdk() throws Exception {
        Path nativeConf = folder.resolve("native-conf");
        generate(check(TestSettings.write(folder, "default.yaml", "smtpInterface: {port: 25}")), nativeConf, false, 5);
        Path jdkConf = folder.resolve("jdk-conf");
        generate(check(TestSettings.write(folder, "jdk.yaml", "tls: {incoming: {engine: jdk}}")), jdkConf, false, 5);

        assertThat(read(nativeConf.resolve("jvm.properties"))).contains("imsajames.tls.incoming.engine=native\n");
        assertThat(read(jdkConf.resolve("jvm.properties"))).contains("imsajames.tls.incoming.engine=jdk\n")
                .doesNotContain("=native");
    }

    @Test
    void updateWithUnchangedSettingsPublishesNothingNew() throws Exception {
        TestPki.writeServerFiles(folder, TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
        Path settings = TestSettings.write(folder, "tls.yaml",
                "tls: {incoming: {enabled: true, privateKey: server.key, serverCertificate: server.crt}}");
        Path conf = folder.resolve("conf");
        Path first = generate(check(settings), conf, true, 5).published().orElseThrow();

        GenerationReport second = generate(check(settings), conf, true, 5);

        assertThat(second.published()).isEmpty();
        assertThat(second.unchanged()).contains(first);
        assertThat(ConfGeneratorTest.names(conf.resolve("imsa/generations"))).hasSize(1);
    }

    @Test
    void aSecondRunWaitsForTheLockAndGivesUpWithAMessageNamingItTouchingNothing() throws Exception {
        Path conf = folder.resolve("conf");
        generate(settings("accept-all-except", "10.1.0.0/16"), conf, false, 5);
        Map<String, String> before = ConfGeneratorTest.snapshot(conf);
        Path lockFile = conf.resolve("imsa/.lock");

        ExecutorService holder = Executors.newSingleThreadExecutor();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            CheckedSettings next = settings("deny-all-except", "10.2.0.0/16");
            assertThatThrownBy(() -> new ConfGenerator(Templates.bundled(), clock, Duration.ofMillis(300), 5,
                    PublishTestHook.off()).generate(next, conf, false))
                    .isInstanceOf(ConfFolderBusyException.class)
                    .hasMessageStartingWith(lockFile + ": another imsa-james generate holds this lock")
                    .hasMessageContaining("nothing was changed");
        } finally {
            holder.shutdownNow();
        }
        assertThat(ConfGeneratorTest.snapshot(conf)).isEqualTo(before);
    }

    @Test
    void twoGeneratesAtOnceBothSucceedOneAfterTheOtherAndLeaveOneWholeGeneration() throws Exception {
        Path conf = folder.resolve("conf");
        CheckedSettings a = settings("accept-all-except", "10.1.0.0/16");
        CheckedSettings b = settings("deny-all-except", "10.2.0.0/16");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Future<GenerationReport> first = pool.submit(() -> generate(a, conf, false, 5));
                Future<GenerationReport> second = pool.submit(() -> generate(b, conf, false, 5));
                // Both finish without an error; one of them may find its settings already current.
                first.get(60, TimeUnit.SECONDS);
                second.get(60, TimeUnit.SECONDS);

                String list = read(conf.resolve("imsa/current/connection-control.list"));
                String smtp = read(conf.resolve("smtpserver.xml"));
                assertThat(list).satisfiesAnyOf(
                        text -> assertThat(text).endsWith("#! policy accept-all-except\n#! entries 1\n10.1.0.0/16\n"),
                        text -> assertThat(text).endsWith("#! policy deny-all-except\n#! entries 1\n10.2.0.0/16\n"));
                assertThat(smtp).contains("file://conf/imsa/current/connection-control.list");
                assertThat(ConfGeneratorTest.names(conf.resolve("imsa"))).containsExactly(".lock", "current",
                        "generations");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesASingleFileBindMountOverSmtpServerXmlWithExit2Advice() throws Exception {
        requireRoot();
        Path conf = Files.createDirectories(folder.resolve("conf"));
        Path hostFile = Files.writeString(folder.resolve("host-smtpserver.xml"), "<smtpservers/>\n");
        Files.writeString(conf.resolve("smtpserver.xml"), "placeholder\n");
        run("mount", "--bind", hostFile.toString(), conf.resolve("smtpserver.xml").toString());
        try {
            assertThat(MountPoints.ofThisProcess().isMountPoint(conf.resolve("smtpserver.xml"))).isTrue();
            assertThat(MountPoints.ofThisProcess().isMountPoint(conf.resolve("mailetcontainer.xml"))).isFalse();
            Map<String, String> before = ConfGeneratorTest.snapshot(conf);

            assertThatThrownBy(() -> generate(settings("accept-all-except", "10.1.0.0/16"), conf, false, 5))
                    .isInstanceOf(ConfFolderException.class)
                    .hasMessageStartingWith(conf.resolve("smtpserver.xml") + " is a mount point of its own")
                    .hasMessageContaining("Mount the whole conf folder instead");
            assertThat(ConfGeneratorTest.snapshot(conf)).isEqualTo(before);
        } finally {
            run("umount", conf.resolve("smtpserver.xml").toString());
        }
    }

    @Test
    void aConfFolderThatIsItselfAMountPointWorks() throws Exception {
        requireRoot();
        Path conf = Files.createDirectories(folder.resolve("conf"));
        run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", conf.toString());
        try {
            assertThat(MountPoints.ofThisProcess().isMountPoint(conf)).isTrue();
            generate(settings("accept-all-except", "10.1.0.0/16"), conf, false, 5);
            generate(settings("deny-all-except", "10.2.0.0/16"), conf, false, 5);

            assertThat(read(conf.resolve("imsa/current/connection-control.list"))).contains("deny-all-except");
        } finally {
            run("umount", conf.toString());
        }
    }

    /** CI runs as root; elsewhere these tests fail loudly rather than skip silently. */
    static void requireRoot() throws Exception {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        assertThat(uid).as("this test mounts file systems and must run as root (as CI does)").isEqualTo(0);
    }

    static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private GenerationReport generate(CheckedSettings checked, Path conf, boolean update, int keep) throws Exception {
        return new ConfGenerator(Templates.bundled(), clock, Duration.ofSeconds(30), keep, PublishTestHook.off())
                .generate(checked, conf, update);
    }

    private CheckedSettings settings(String policy, String entry) throws Exception {
        Path file = TestSettings.write(folder, policy + "-" + entry.replace('/', '_') + ".yaml",
                "connectionControl: {policy: " + policy + ", entries: ['" + entry + "']}");
        return check(file);
    }

    private CheckedSettings check(Path file) throws Exception {
        return new SettingsChecker(clock).check(new SettingsLoader(Map.<String, String>of()::get).load(file));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
