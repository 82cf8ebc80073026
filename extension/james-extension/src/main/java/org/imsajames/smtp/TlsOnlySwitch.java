package org.imsajames.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.imsajames.policy.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS only on or off while James runs: the one line {@code tlsOnly=true|false} of a watched state file
 * (conf/imsa/current/tls-only.properties, written by imsa-james and the Connections screen). Never fails open: at
 * start a missing or invalid file stops James; later an unreadable or invalid file keeps the last good value
 * (logged once per reason). Changes are found by the file's state (inode, size, times, real path: a swap of
 * conf/imsa/current is a change) and applied at the next poll.
 */
final class TlsOnlySwitch implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(TlsOnlySwitch.class);
    private static final long MAX_BYTES = 4096;

    private final Path file;
    private final ScheduledExecutorService scheduler;
    private volatile boolean enforced;
    private FileState seen;
    private String lastFailure;

    private TlsOnlySwitch(Path file, boolean enforced, FileState seen) {
        this.file = file;
        this.enforced = enforced;
        this.seen = seen;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imsa-watch-" + name(file));
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads FILE now; throws with the reason when it cannot be used (James must not start then). */
    static TlsOnlySwitch open(Path file, long intervalMillis) throws IOException {
        FileState state = FileState.of(file);
        TlsOnlySwitch tlsOnly = new TlsOnlySwitch(file, read(file), state);
        if (intervalMillis > 0) {
            tlsOnly.scheduler.scheduleWithFixedDelay(tlsOnly::checkSafely, intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
        }
        return tlsOnly;
    }

    boolean enforced() {
        return enforced;
    }

    private void checkSafely() {
        try {
            check();
        } catch (Throwable e) { // NOPMD: a scheduled task that throws never runs again; the last value stays
            failed(e.getClass().getName());
        }
    }

    synchronized void check() {
        FileState now = FileState.of(file);
        if (now.equals(seen)) {
            return;
        }
        boolean value;
        try {
            value = read(file);
        } catch (IOException e) {
            seen = now; // tried again when the file changes
            failed(e.getMessage());
            return;
        }
        seen = now;
        lastFailure = null;
        if (value != enforced) {
            enforced = value;
            LOGGER.info("{}: TLS only is now {}", name(file), value ? "on" : "off");
        }
    }

    private void failed(String reason) {
        String escaped = LogText.escaped(reason == null ? "unknown" : reason);
        if (!escaped.equals(lastFailure)) {
            lastFailure = escaped;
            LOGGER.warn("{}: keeping TLS only {}: {}", name(file), enforced ? "on" : "off", escaped);
        }
    }

    static boolean read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(name(file) + " is not a regular file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(name(file) + " is larger than " + MAX_BYTES + " bytes");
        }
        Boolean value = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            String text = line.trim();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (value != null) {
                throw new IOException(name(file) + ": more than one setting; expected the one line tlsOnly=true or"
                    + " tlsOnly=false");
            }
            if (text.equals("tlsOnly=true")) {
                value = true;
            } else if (text.equals("tlsOnly=false")) {
                value = false;
            } else {
                throw new IOException(name(file) + ": " + LogText.quoted(text) + " is not tlsOnly=true or"
                    + " tlsOnly=false");
            }
        }
        if (value == null) {
            throw new IOException(name(file) + ": no tlsOnly=true or tlsOnly=false line");
        }
        return value;
    }

    private static String name(Path file) {
        Path parent = file.getParent();
        return (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/") + file.getFileName();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
