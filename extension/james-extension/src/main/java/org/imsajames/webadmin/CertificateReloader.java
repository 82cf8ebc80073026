package org.imsajames.webadmin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.james.protocols.lib.netty.AbstractConfigurableAsyncServer;
import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a new keystore in force without a restart, through James 3.8.1's own certificate reload (the method behind
 * {@code POST /servers?reload-certificate}: {@code AbstractConfigurableAsyncServer.reloadSSLCertificate()}, which
 * re-reads the keystore from the path and secret smtpserver.xml gave at start; new connections get the new
 * context, sessions in flight keep theirs). The path goes through conf/imsa/current, so it is the current
 * generation's keystore. Watched as well (every 500 ms: real path, size, mtime), so that a James sharing the conf
 * folder with the one that saved, or a generate, is followed too.
 */
final class CertificateReloader implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(CertificateReloader.class);
    private static final long INTERVAL_MILLIS = 500;

    private final Path keystore;
    private final SMTPServerFactory servers;
    private final ScheduledExecutorService scheduler;
    private String seen;

    CertificateReloader(Path conf, SMTPServerFactory servers) {
        this.keystore = conf.resolve("imsa").resolve("current").resolve(ConnectionsFiles.KEYSTORE);
        this.servers = servers;
        this.seen = state();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imsa-watch-current/" + ConnectionsFiles.KEYSTORE);
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::checkSafely, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void checkSafely() {
        try {
            reloadNow();
        } catch (Throwable e) { // NOPMD: a scheduled task that throws never runs again
            LOGGER.warn("keystore watcher: {}", e.toString());
        }
    }

    /** Reloads when the keystore behind conf/imsa/current changed since the last look; returns servers reloaded. */
    synchronized int reloadNow() {
        String now = state();
        if (Objects.equals(now, seen) || now == null) {
            return 0;
        }
        int reloaded = 0;
        boolean failed = false;
        for (AbstractConfigurableAsyncServer server : servers.getServers()) {
            if (!server.getStartTLSSupported() && !"secure".equals(server.getSocketType())) {
                continue;
            }
            try {
                server.reloadSSLCertificate();
                reloaded++;
            } catch (Exception e) {
                failed = true;
                // The previous context stays in force (James builds the new one before replacing it).
                LOGGER.error("keystore {}: reloading the certificate of the SMTP server on port {} failed, the"
                    + " previous certificate stays in force: {}", keystore, server.getPort(), e.getClass().getName());
            }
        }
        if (!failed) {
            seen = now;
        }
        if (reloaded > 0) {
            LOGGER.info("keystore {}: certificate reloaded on {} SMTP server(s)", keystore, reloaded);
        }
        return reloaded;
    }

    private String state() {
        try {
            Path real = keystore.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            return real + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
