package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.imsajames.policy.ListFileException;
import org.imsajames.policy.PolicyMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the watcher poll by poll: no timing, only what each poll decides. */
class ListFileWatcherTest {
    private static final String HEADER = "#! policy accept-all-except\n";

    @TempDir
    Path folder;
    Path file;
    PolicySource source;
    List<PolicyGeneration> installed;
    RecordingMetricFactory metrics;
    RecordingGauges gauges;
    RecordingWatcherLog log;
    ListFileWatcher watcher;
    /** Thrown by the loader instead of reading, while set. */
    volatile Throwable nextFailure;
    volatile CountDownLatch blockLoader;
    long clock = 1_000_000;
    /** The watcher's clock in watch(): the gauges' ages are exact. */
    volatile long nanos = 42_000_000_000L;

    @BeforeEach
    void setUp() throws Exception {
        file = folder.resolve("deny.list");
        write(HEADER + "10.0.0.1\n");
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("listFile", "file://conf/deny.list");
        source = PolicySource.fromConfiguration(config, new TestFileSystem(folder));
        installed = new ArrayList<>();
        metrics = new RecordingMetricFactory();
        gauges = new RecordingGauges();
        log = new RecordingWatcherLog();
    }

    @AfterEach
    void tearDown() {
        CountDownLatch latch = blockLoader;
        if (latch != null) {
            latch.countDown();
        }
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void unchangedFileIsNeverReloaded() throws Exception {
        watch();
        watcher.check();
        watcher.check();

        assertThat(installed).isEmpty();
        assertThat(log.all()).isEmpty();
    }

    @Test
    void changeIsAppliedOnceItHasSettledForOnePollAndSaidInOneLine() throws Exception {
        watch();
        write(HEADER + "10.0.0.1\n10.0.0.2\n");

        watcher.check();
        assertThat(installed).as("just changed: the writer may not be done").isEmpty();
        watcher.check();
        assertThat(installed).hasSize(1);
        assertThat(refuses(installed.get(0), "10.0.0.2")).isTrue();
        watcher.check();
        assertThat(installed).hasSize(1);
        assertThat(metrics.countFor(ListFileWatcher.RELOADS)).isEqualTo(1);
        assertThat(log.visible()).singleElement().asString()
            .matches("INFO list deny\\.list: now accept-all-except with 2 blocks, sha256 [0-9a-f]{12}");
    }

    @Test
    void fileStillBeingWrittenIsNotAppliedHalfRead() throws Exception {
        watch();
        write(HEADER + "10.0.0.1\n10.0.");
        watcher.check();
        write(HEADER + "10.0.0.1\n10.0.0.0:255.255.0.0\n");
        watcher.check();

        assertThat(installed).isEmpty();
        watcher.check();
        assertThat(installed).hasSize(1);
        assertThat(refuses(installed.get(0), "10.0.200.1")).isTrue();
    }

    @Test
    void theModeTravelsWithTheEntries() throws Exception {
        watch();
        write("#! policy deny-all-except\n#! entries 1\n10.0.0.7\n");
        settle();

        PolicyGeneration now = installed.get(0);
        assertThat(now.policy().mode()).isEqualTo(PolicyMode.DENY_ALL_EXCEPT);
        assertThat(refuses(now, "10.0.0.1")).as("the old entry under the new mode").isTrue();
        assertThat(refuses(now, "10.0.0.7")).isFalse();
    }

    @Test
    void invalidFileKeepsThePreviousPolicyLogsOnceAndIsRetriedOnlyWhenItChangesAgain() throws Exception {
        watch();
        write(HEADER + "10.0.0.1\n10.0.0.0:255.0.255.0\n");
        watcher.check();
        watcher.check();
        watcher.check();
        assertThat(installed).isEmpty();
        assertThat(metrics.countFor(ListFileWatcher.RELOAD_FAILURES)).isEqualTo(1);
        assertThat(log.visible()).containsExactly("WARN list deny.list: keeping the previous policy: "
            + "deny.list:3: '10.0.0.0:255.0.255.0' is not a contiguous netmask");

        write(HEADER + "10.0.0.3\n");
        settle();
        assertThat(installed).hasSize(1);
    }

    @Test
    void theSameFailureAgainIsNotLoggedAgainButCountedAndANewOneIs() throws Exception {
        watch();
        write(HEADER + "10.0.0.0:255.0.255.0\n");
        settle();
        write(HEADER + "10.0.0.0:255.0.255.0\n"); // rewritten: tried again, fails the same way
        settle();
        write(HEADER + "bad\n");
        settle();

        assertThat(metrics.countFor(ListFileWatcher.RELOAD_FAILURES)).isEqualTo(3);
        assertThat(log.visible()).hasSize(2);
        assertThat(log.all()).filteredOn(line -> line.startsWith("DEBUG")).hasSize(1);

        write(HEADER + "10.0.0.5\n");
        settle();
        write(HEADER + "bad\n");
        settle();
        assertThat(log.visible()).as("after a success the same failure is news again").hasSize(4);
    }

    @Test
    void anIdenticalRewriteInstallsNothingAndLogsNothing() throws Exception {
        watch();
        write(HEADER + "10.0.0.1\n"); // same bytes, new mtime
        settle();
        Path next = folder.resolve("deny.list.new");
        Files.writeString(next, HEADER + "10.0.0.1\n");
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        settle();

        assertThat(installed).isEmpty();
        assertThat(log.all()).isEmpty();
        assertThat(metrics.countFor(ListFileWatcher.RELOADS)).isZero();
    }

    @Test
    void deletedFileKeepsThePolicyUntilItIsBack() throws Exception {
        watch();
        Files.delete(file);
        settle();
        assertThat(installed).isEmpty();
        assertThat(log.visible()).singleElement().asString().contains("no such file");

        write(HEADER + "10.0.0.4\n");
        settle();
        assertThat(installed).hasSize(1);
    }

    @Test
    void fileReplacedByRenameWithTheSameSizeAndMtimeIsNoticed() throws Exception {
        watch();
        Path next = folder.resolve("deny.list.new");
        Files.writeString(next, HEADER + "10.0.0.9\n");
        Files.setLastModifiedTime(next, Files.getLastModifiedTime(file));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        settle();
        assertThat(installed).hasSize(1);
        assertThat(refuses(installed.get(0), "10.0.0.9")).isTrue();
    }

    @Test
    void sameLengthCopyInPlaceWithAnOldMtimeIsNoticedByItsChangeTime() throws Exception {
        FileTime old = Files.getLastModifiedTime(file);
        watch();
        // File times come from a coarse clock (a few ms): let it tick, or the two writes could share a ctime.
        Thread.sleep(20);
        Files.writeString(file, HEADER + "10.0.0.8\n"); // in place, same inode, same length: as cp -p does
        Files.setLastModifiedTime(file, old);

        settle();
        assertThat(installed).hasSize(1);
        assertThat(refuses(installed.get(0), "10.0.0.8")).isTrue();
    }

    @Test
    void aFileThatCouldNotBeReadIsRetriedWhenOnlyItsPermissionsChange() throws Exception {
        watch();
        write(HEADER + "10.0.0.6\n");
        nextFailure = new ListFileException("deny.list", 0, "cannot read: permission denied");
        settle();
        assertThat(installed).isEmpty();

        nextFailure = null;
        Thread.sleep(20); // let the coarse file clock tick, as above
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--")); // chmod: ctime only
        settle();
        assertThat(installed).hasSize(1);
        assertThat(log.visible()).last().asString().startsWith("INFO list deny.list: now ");
    }

    @Test
    void aSymlinkSwappedAsKubernetesUpdatesAConfigMapIsFollowed() throws Exception {
        Path first = Files.createDirectory(folder.resolve("..2026_12_01_01"));
        Path second = Files.createDirectory(folder.resolve("..2026_12_01_02"));
        Files.writeString(first.resolve("deny.list"), HEADER + "10.0.0.1\n");
        Files.writeString(second.resolve("deny.list"), HEADER + "10.0.0.2\n");
        FileTime same = FileTime.fromMillis(clock);
        Files.setLastModifiedTime(first.resolve("deny.list"), same);
        Files.setLastModifiedTime(second.resolve("deny.list"), same);
        Files.createSymbolicLink(folder.resolve("..data"), first.getFileName());
        Files.delete(file);
        Files.createSymbolicLink(file, Path.of("..data/deny.list"));
        watch();

        Path swap = Files.createSymbolicLink(folder.resolve("..data_tmp"), second.getFileName());
        Files.move(swap, folder.resolve("..data"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        settle();

        assertThat(installed).hasSize(1);
        assertThat(refuses(installed.get(0), "10.0.0.2")).isTrue();
        assertThat(log.visible()).singleElement().asString().contains("generation ..2026_12_01_02");
    }

    @Test
    void anotherPublishedGenerationIsSaidOnceToNeedARestartForTheRestOfItsSmtpServerXml() throws Exception {
        Path imsa = Files.createDirectories(folder.resolve("imsa"));
        for (String id : List.of("20261201-230000-000-1a2b3", "20261201-231000-000-4c5d6", "20261201-232000-000-7e8f9")) {
            Files.writeString(Files.createDirectories(imsa.resolve("generations/" + id)).resolve("deny.list"),
                HEADER + "10.0.0.1\n");
        }
        Files.createSymbolicLink(imsa.resolve("current"), Path.of("generations/20261201-230000-000-1a2b3"));
        file = imsa.resolve("current/deny.list");
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("listFile", "file://conf/imsa/current/deny.list");
        source = PolicySource.fromConfiguration(config, new TestFileSystem(folder));
        watch();

        pointCurrentTo(imsa, "20261201-231000-000-4c5d6"); // the same list: nothing installed, still said
        settle();
        pointCurrentTo(imsa, "20261201-230000-000-1a2b3"); // back to the start-up generation: nothing to say
        settle();
        pointCurrentTo(imsa, "20261201-231000-000-4c5d6"); // said already
        settle();
        Files.writeString(imsa.resolve("generations/20261201-232000-000-7e8f9/deny.list"), HEADER + "10.0.0.3\n");
        pointCurrentTo(imsa, "20261201-232000-000-7e8f9");
        settle();

        assertThat(log.visible()).filteredOn(line -> line.startsWith("WARN")).containsExactly(
            "WARN conf/imsa/current now points to generation 20261201-231000-000-4c5d6; its list and mode are in "
                + "force, but the rest of its smtpserver.xml (trusted proxies, TLS only, limits, TLS keystore) "
                + "applies only when James restarts",
            "WARN conf/imsa/current now points to generation 20261201-232000-000-7e8f9; its list and mode are in "
                + "force, but the rest of its smtpserver.xml (trusted proxies, TLS only, limits, TLS keystore) "
                + "applies only when James restarts");
        assertThat(installed).hasSize(1);
    }

    @Test
    void aSymlinkSwappedToAnotherNameOfTheSameFileIsAChangeOfState() throws Exception {
        Path target = folder.resolve("a.list");
        Files.writeString(target, HEADER);
        Path sameInode = Files.createLink(folder.resolve("b.list"), target);
        Path link = Files.createSymbolicLink(folder.resolve("current.list"), target.getFileName());
        FileState before = FileState.of(link);

        Files.delete(link);
        Files.createSymbolicLink(link, sameInode.getFileName());

        assertThat(FileState.of(link)).as("same inode, size and times, another real path").isNotEqualTo(before);
    }

    @Test
    void aWriteDuringTheFirstBuildIsApplied() throws Exception {
        FileState baseline = FileState.of(file);
        PolicyGeneration first = source.build(null);
        write(HEADER + "10.0.0.1\n10.0.0.2\n"); // lands while James is still starting
        watcher = new ListFileWatcher(file, baseline, first, this::load, installed::add, Duration.ofSeconds(30),
            metrics, gauges, log);

        settle();
        assertThat(installed).hasSize(1);
        assertThat(refuses(installed.get(0), "10.0.0.2")).isTrue();
    }

    @Test
    void anOutOfMemoryErrorKeepsThePolicyAndTheNextChangeIsTried() throws Exception {
        watch();
        write(HEADER + "10.0.0.1\n10.0.0.2\n");
        nextFailure = new OutOfMemoryError("Java heap space");
        settle();
        assertThat(installed).isEmpty();
        assertThat(log.visible()).singleElement().asString()
            .contains("keeping the previous policy: out of memory while reading (java.lang.OutOfMemoryError: Java heap space)");

        nextFailure = null;
        write(HEADER + "10.0.0.3\n");
        settle();
        assertThat(installed).hasSize(1);
    }

    @Test
    void anyOtherThrowableKeepsThePolicyToo() throws Exception {
        watch();
        write(HEADER + "10.0.0.2\n");
        nextFailure = new StackOverflowError();
        settle();
        write(HEADER + "10.0.0.3\n");
        nextFailure = new IllegalStateException("surprise");
        settle();

        assertThat(installed).isEmpty();
        assertThat(log.visible()).hasSize(2);
        assertThat(log.visible().get(1)).endsWith("java.lang.IllegalStateException: surprise");
    }

    @Test
    void whatAFailureAndTheGenerationSayIsEscapedInTheLogLine() throws Exception {
        watch();
        write(HEADER + "10.0.0.2\n");
        nextFailure = new IllegalStateException("forged\n\u001b[31mWARN all fine");
        settle();

        assertThat(log.visible()).singleElement().asString()
            .endsWith("java.lang.IllegalStateException: forged\\n\\x1b[31mWARN all fine");
        PolicyGeneration odd = new PolicyGeneration(installedPolicy(), 1, "", "gen\rX");
        assertThat(odd.describe()).endsWith("generation gen\\rX");
    }

    @Test
    void aStuckReadIsAbandonedAfterTheTimeoutAndTheNextChangeIsReadByANewWorker() throws Exception {
        blockLoader = new CountDownLatch(1);
        watcher = new ListFileWatcher(file, FileState.of(file), source.build(null), this::load, installed::add,
            Duration.ofMillis(200), metrics, gauges, log);
        write(HEADER + "10.0.0.2\n");
        settle();
        assertThat(installed).isEmpty();
        assertThat(log.visible()).singleElement().asString().contains("reading took longer than");

        blockLoader = null; // the first worker stays stuck: a new one must do the next read
        write(HEADER + "10.0.0.3\n");
        settle();
        assertThat(installed).hasSize(1);
    }

    @Test
    void stuckReadersAreCountedInTheWarningAndCappedUntilOneReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        watcher = new ListFileWatcher(file, FileState.of(file), source.build(null), previous -> {
            reads.incrementAndGet();
            // As open() on a FIFO: an interrupt does not end it.
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // stays stuck
                }
            }
            return source.build(previous);
        }, installed::add, Duration.ofMillis(100), metrics, gauges, log);
        try {
            for (int i = 1; i <= ListFileWatcher.MAX_STUCK_READERS; i++) {
                write(HEADER + "10.0.0." + i + "\n");
                settle();
                assertThat(log.visible()).last().asString().contains("(" + i + " abandoned reader threads still stuck, at most "
                    + ListFileWatcher.MAX_STUCK_READERS + ")");
            }
            write(HEADER + "10.0.0.9\n");
            settle();
            assertThat(reads).as("no fifth thread left stuck").hasValue(ListFileWatcher.MAX_STUCK_READERS);
            assertThat(log.visible()).last().asString().contains("not read: 4 abandoned reader threads are still stuck");
            assertThat(gauges.gauges.get(WatcherGauges.LIST_REJECTED).get()).isEqualTo(1);
        } finally {
            release.countDown();
        }
        awaitUntil(() -> watcher.stuckReaders() == 0);
        write(HEADER + "10.0.0.10\n");
        settle();
        assertThat(installed).hasSize(1);
        assertThat(refuses(installed.get(0), "10.0.0.10")).isTrue();
    }

    @Test
    void theScheduledTaskSurvivesAnErrorOutsideTheReadAndAppliesTheNextChange() throws Exception {
        AtomicInteger installs = new AtomicInteger();
        CountDownLatch appliedLatch = new CountDownLatch(1);
        watcher = new ListFileWatcher(file, FileState.of(file), source.build(null), this::load, generation -> {
            if (installs.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space"); // as if swapping in the policy failed
            }
            appliedLatch.countDown();
        }, Duration.ofSeconds(30), metrics, gauges, log);
        watcher.start(Duration.ofMillis(10));
        write(HEADER + "10.0.0.2\n");
        awaitUntil(() -> installs.get() >= 1);
        write(HEADER + "10.0.0.3\n");

        assertThat(appliedLatch.await(30, TimeUnit.SECONDS)).as("applied after the error").isTrue();
        assertThat(log.visible()).first().asString().contains("unexpected out of memory");
    }

    @Test
    void closeWaitsForAReloadInProgressAndInstallsNothingAfter() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        List<PolicyGeneration> afterClose = new ArrayList<>();
        AtomicBoolean closedFlag = new AtomicBoolean();
        watcher = new ListFileWatcher(file, FileState.of(file), source.build(null), previous -> {
            started.countDown();
            Thread.sleep(300);
            finished.set(true);
            return source.build(previous);
        }, generation -> {
            if (closedFlag.get()) {
                afterClose.add(generation);
            }
        }, Duration.ofSeconds(30), metrics, gauges, log);
        watcher.start(Duration.ofMillis(10));
        write(HEADER + "10.0.0.2\n");
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        watcher.close();
        closedFlag.set(true);

        assertThat(finished).as("close() returned only once the reload was done").isTrue();
        assertThat(afterClose).isEmpty();
    }

    @Test
    void theThreadIsNamedAfterItsFolderAndFileAndCloseStopsIt() throws Exception {
        watch();
        watcher.start(Duration.ofMillis(50));
        String name = watcher.threadName();
        assertThat(name).matches("imsa-watch-" + java.util.regex.Pattern.quote(folder.getFileName() + "/deny.list#")
            + "[0-9]+");
        assertThat(threadNamed(name)).isTrue();

        watcher.close();
        assertThat(threadNamed(name)).isFalse();
    }

    @Test
    void twoWatchersOfTheSameFileHaveThreadsToldApart() throws Exception {
        watch();
        ListFileWatcher second = new ListFileWatcher(file, FileState.of(file), source.build(null), this::load,
            installed::add, Duration.ofSeconds(30), metrics, gauges, log);
        try {
            watcher.start(Duration.ofMillis(50));
            second.start(Duration.ofMillis(50));

            assertThat(second.threadName()).startsWith("imsa-watch-").isNotEqualTo(watcher.threadName());
            assertThat(threadNamed(watcher.threadName())).isTrue();
            assertThat(threadNamed(second.threadName())).isTrue();
        } finally {
            second.close();
        }
    }

    @Test
    void theAgeGaugeTellsSecondsSinceTheLastSuccessfulLoad() throws Exception {
        watch();
        nanos += TimeUnit.SECONDS.toNanos(7);
        assertThat(gauges.gauges.get(WatcherGauges.AGE).get()).isEqualTo(7L);

        write(HEADER + "10.0.0.2\n");
        settle();
        assertThat(gauges.gauges.get(WatcherGauges.AGE).get()).as("just reloaded").isEqualTo(0L);
        nanos += TimeUnit.SECONDS.toNanos(3);
        write(HEADER + "bad\n");
        settle();
        assertThat(gauges.gauges.get(WatcherGauges.AGE).get()).as("a refused file is no reload").isEqualTo(3L);
    }

    @Test
    void theRejectedGaugeIsOneWhileTheFileOnDiskIsARefusedOne() throws Exception {
        watch();
        assertThat(gauges.gauges.get(WatcherGauges.LIST_REJECTED).get()).isEqualTo(0);

        write(HEADER + "bad\n");
        settle();
        assertThat(gauges.gauges.get(WatcherGauges.LIST_REJECTED).get()).isEqualTo(1);
        write(HEADER + "10.0.0.1\n"); // back to the content in force
        settle();
        assertThat(gauges.gauges.get(WatcherGauges.LIST_REJECTED).get()).isEqualTo(0);

        write(HEADER + "10.0.0.0:255.0.255.0\n");
        settle();
        assertThat(gauges.gauges.get(WatcherGauges.LIST_REJECTED).get()).isEqualTo(1);
        write(HEADER + "10.0.0.5\n"); // a good new one
        settle();
        assertThat(installed).hasSize(1);
        assertThat(gauges.gauges.get(WatcherGauges.LIST_REJECTED).get()).isEqualTo(0);
    }

    @Test
    void aSecondWatcherOnTheSameRegistryDoesNotFailOnTheGaugeName() throws Exception {
        watch();
        ListFileWatcher second = new ListFileWatcher(file, FileState.of(file), source.build(null), this::load,
            installed::add, Duration.ofSeconds(30), metrics, gauges, log);
        second.close();

        assertThat(gauges.gauges).containsKeys(WatcherGauges.AGE, WatcherGauges.LIST_REJECTED);
    }

    private static void pointCurrentTo(Path imsa, String id) throws Exception {
        Path swap = Files.createSymbolicLink(imsa.resolve(".staging-current"), Path.of("generations/" + id));
        Files.move(swap, imsa.resolve("current"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void watch() throws Exception {
        watcher = new ListFileWatcher(file, FileState.of(file), source.build(null), this::load, installed::add,
            Duration.ofSeconds(30), metrics, gauges, log, () -> nanos);
    }

    private PolicyGeneration load(PolicyGeneration previous) throws Exception {
        CountDownLatch latch = blockLoader;
        if (latch != null) {
            latch.await();
        }
        Throwable failure = nextFailure;
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure instanceof Exception) {
            throw (Exception) failure;
        }
        return source.build(previous);
    }

    /** Two polls: the change is seen, then found settled and read. */
    private void settle() {
        watcher.check();
        watcher.check();
    }

    private org.imsajames.policy.ConnectionPolicy installedPolicy() throws Exception {
        return source.build(null).policy();
    }

    private static boolean refuses(PolicyGeneration generation, String address) throws Exception {
        return !generation.policy().decide(InetAddress.getByName(address)).accepted();
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Writes with a new modification time each time, as a real editor some time later would. */
    private void write(String content) throws Exception {
        Files.writeString(file, content);
        clock += 1_000;
        Files.setLastModifiedTime(file, FileTime.fromMillis(clock));
    }
}
