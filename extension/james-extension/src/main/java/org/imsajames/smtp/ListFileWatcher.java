package org.imsajames.smtp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.imsajames.policy.ListFileException;
import org.imsajames.policy.LogText;

/**
 * Polls the list file and installs a new policy generation when the file has changed and then stayed the same
 * for one interval (so a file still being written is not read half-way). Built so that it cannot die or hang:
 * the read runs on a worker thread with a deadline (a stuck worker is abandoned and replaced), and whatever a
 * reload throws, {@link OutOfMemoryError} included, keeps the policy in force, is logged once per distinct
 * failure, and the next change is tried again. Counted as {@value #RELOADS} and {@value #RELOAD_FAILURES}; state in
 * {@link WatcherGauges}.
 */
final class ListFileWatcher implements AutoCloseable {
    static final String RELOADS = "imsa.connectionControl.reloads";
    static final String RELOAD_FAILURES = "imsa.connectionControl.reloadFailures";
    private static final Duration MAX_CLOSE_WAIT = Duration.ofSeconds(10);
    /** Numbers the watchers, so that two servers watching the same file still have threads told apart. */
    private static final AtomicInteger WATCHERS = new AtomicInteger();
    /**
     * Abandoned readers still stuck (in an open() of a FIFO swapped in after the type check, nothing interrupts
     * it) at which no new read is started: each would leak one more thread. Reading resumes once one comes back.
     */
    static final int MAX_STUCK_READERS = 4;

    /** Reads what the file now says, against the generation in force; throws when it cannot be used. */
    interface Loader {
        PolicyGeneration load(PolicyGeneration previous) throws Exception;
    }

    private final Path file;
    private final String name;
    private final String threadSuffix;
    private final Loader loader;
    private final Consumer<PolicyGeneration> install;
    private final Duration readTimeout;
    private final Metric reloads;
    private final Metric failures;
    private final WatcherLog log;
    private final ScheduledExecutorService scheduler;
    private volatile ExecutorService reader;
    private volatile boolean closed;
    private final LongSupplier nanoClock;
    private volatile long lastSuccessNanos;
    private volatile boolean listRejected;
    private final AtomicInteger stuckReaders = new AtomicInteger();
    private PolicyGeneration current;
    private FileState settled;
    private FileState pending;
    private String lastFailure;
    /** The generation smtpserver.xml (read once, at start) came from; and those already warned about. */
    private final String startGeneration;
    private final Set<String> restartWarned = new HashSet<>();

    /**
     * @param baseline the file's state taken before CURRENT was built from it, so that a write during that first
     *                 build is seen as a change
     */
    ListFileWatcher(Path file, FileState baseline, PolicyGeneration current, Loader loader,
            Consumer<PolicyGeneration> install, Duration readTimeout, MetricFactory metrics, GaugeRegistry gauges) {
        this(file, baseline, current, loader, install, readTimeout, metrics, gauges, new WatcherLog());
    }

    ListFileWatcher(Path file, FileState baseline, PolicyGeneration current, Loader loader,
            Consumer<PolicyGeneration> install, Duration readTimeout, MetricFactory metrics, GaugeRegistry gauges,
            WatcherLog log) {
        this(file, baseline, current, loader, install, readTimeout, metrics, gauges, log, System::nanoTime);
    }

    ListFileWatcher(Path file, FileState baseline, PolicyGeneration current, Loader loader,
            Consumer<PolicyGeneration> install, Duration readTimeout, MetricFactory metrics, GaugeRegistry gauges,
            WatcherLog log, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastSuccessNanos = nanoClock.getAsLong();
        this.file = file;
        this.log = log;
        this.name = LogText.escaped(file.getFileName() == null ? file.toString() : file.getFileName().toString());
        this.settled = baseline;
        this.current = current;
        this.startGeneration = current.generation();
        this.loader = loader;
        this.install = install;
        this.readTimeout = readTimeout;
        this.reloads = metrics.generate(RELOADS);
        this.failures = metrics.generate(RELOAD_FAILURES);
        this.threadSuffix = threadSuffix(file, name);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon(threadName()));
        this.reader = newReader();
        WatcherGauges.track(this, gauges);
    }

    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::checkSafely, interval.toMillis(), interval.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    private void checkSafely() {
        try {
            check();
        } catch (Throwable e) { // NOPMD: a scheduled task that throws is never run again
            failed("unexpected " + describe(e));
        }
    }

    /** One poll. Package-private so tests can drive it without timing. */
    synchronized void check() {
        if (closed) {
            return;
        }
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
        if (stuckReaders.get() >= MAX_STUCK_READERS) {
            settled = now; // not read: tried again when the file changes once a reader is back
            listRejected = true;
            failed("not read: " + stuckReaders.get() + " abandoned reader threads are still stuck (at most "
                + MAX_STUCK_READERS + "); tried again when the file changes after one of them returns");
            return;
        }
        PolicyGeneration loaded;
        try {
            loaded = readOnWorker();
        } catch (Throwable e) { // NOPMD: OutOfMemoryError too: the previous policy stays, the watcher goes on
            if (FileState.of(file).equals(now)) {
                settled = now; // tried again when the file changes (a chmod, a rewrite, a swap)
                listRejected = true;
                failed(describe(e));
            }
            return;
        }
        if (!FileState.of(file).equals(now) || closed) {
            return; // written to while we read it: wait until it settles again
        }
        settled = now;
        warnIfRestartNeeded(loaded); // even for the same list: the generation's smtpserver.xml may differ
        if (loaded.sameContentAs(current)) {
            listRejected = false; // back to the content in force
            if (lastFailure != null) {
                log.info("list " + name + ": policy in force unchanged, the file is usable again: "
                    + current.describe());
                lastFailure = null;
            }
            return; // an identical rewrite: nothing to install, nothing to say
        }
        install.accept(loaded);
        current = loaded;
        lastSuccessNanos = nanoClock.getAsLong();
        listRejected = false;
        lastFailure = null;
        reloads.increment();
        log.info("list " + name + ": now " + loaded.describe());
    }

    /**
     * James reads smtpserver.xml (trusted proxies, TLS only, limits, keystore) once, at start: when the list comes
     * from another published generation, only its list and mode follow. Said once per generation.
     */
    private void warnIfRestartNeeded(PolicyGeneration loaded) {
        String generation = loaded.generation();
        if (!loaded.published() || generation.equals(startGeneration) || !restartWarned.add(generation)) {
            return;
        }
        log.warn("conf/imsa/current now points to generation " + LogText.escaped(generation) + "; its list and mode"
            + " are in force, but the rest of its smtpserver.xml (trusted proxies, TLS only, limits, TLS keystore)"
            + " applies only when James restarts");
    }

    private PolicyGeneration readOnWorker() throws Throwable {
        PolicyGeneration previous = current;
        // 0 running, 1 done, 2 abandoned: whichever of the reader and the timeout comes first decides who counts.
        AtomicInteger state = new AtomicInteger();
        Future<PolicyGeneration> read = reader.submit(() -> {
            try {
                return loader.load(previous);
            } finally {
                if (!state.compareAndSet(0, 1)) {
                    stuckReaders.decrementAndGet(); // an abandoned reader came back after all
                }
            }
        });
        try {
            return read.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            // Stuck (a FIFO swapped in after the type check, a hung network file system): abandon that thread.
            int stuck = state.compareAndSet(0, 2) ? stuckReaders.incrementAndGet() : stuckReaders.get();
            read.cancel(true);
            reader.shutdownNow();
            reader = newReader();
            throw new ReadTimeout(stuck);
        } catch (InterruptedException | CancellationException e) {
            read.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** Logged once per distinct reason (again at DEBUG only); counted every time. */
    private void failed(String reason) {
        failures.increment();
        if (reason.equals(lastFailure)) {
            log.debug("list " + name + ": still keeping the previous policy: " + reason);
            return;
        }
        lastFailure = reason;
        log.warn("list " + name + ": keeping the previous policy: " + reason);
    }

    private String describe(Throwable e) {
        if (e instanceof ListFileException) {
            return e.getMessage();
        }
        if (e instanceof ReadTimeout) {
            return "reading took longer than " + readTimeout.toSeconds() + " s (<readTimeoutSeconds>); "
                + "abandoned (" + ((ReadTimeout) e).stuckReaders + " abandoned reader threads still stuck, at most "
                + MAX_STUCK_READERS + "), tried again when the file changes";
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory while reading (" + e + "); lower <maxFileBytes> or give James more heap";
        }
        return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + LogText.escaped(e.getMessage()));
    }

    long nanosSinceLastSuccess() {
        return nanoClock.getAsLong() - lastSuccessNanos;
    }

    /** Whether the file on disk is one this watcher refused (the previous policy is in force). */
    boolean listRejected() {
        return listRejected;
    }

    /** Stops polling; a reload in progress is waited for (bounded) and nothing is installed after this returns. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdown();
        try {
            Duration wait = readTimeout.compareTo(MAX_CLOSE_WAIT) < 0 ? readTimeout : MAX_CLOSE_WAIT;
            if (!scheduler.awaitTermination(wait.toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            reader.shutdownNow();
            WatcherGauges.untrack(this);
        }
    }

    private ExecutorService newReader() {
        return Executors.newSingleThreadExecutor(daemon("imsa-read-" + threadSuffix));
    }

    /** "imsa-watch-current/connection-control.list#2": the folder, the file and which watcher of this JVM. */
    String threadName() {
        return "imsa-watch-" + threadSuffix;
    }

    private static String threadSuffix(Path file, String name) {
        Path parent = file.getParent();
        String folder = parent == null || parent.getFileName() == null ? ""
            : LogText.escaped(parent.getFileName().toString()) + "/";
        return folder + name + "#" + WATCHERS.incrementAndGet();
    }

    private static ThreadFactory daemon(String threadName) {
        return runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class ReadTimeout extends Exception {
        private static final long serialVersionUID = 1L;
        final int stuckReaders;

        ReadTimeout(int stuckReaders) {
            this.stuckReaders = stuckReaders;
        }
    }

    /** Abandoned readers not yet returned. */
    int stuckReaders() {
        return stuckReaders.get();
    }
}
