package org.imsajames.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imsajames.james.SmtpAssertions;
import org.imsajames.testkit.JamesExtension;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.SmtpServerXml;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The watched list file inside a real James: changes apply live, bad files keep the policy, no session lost. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListReloadInJamesTest {
    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(2);
    private static final Pattern RELOADED = Pattern.compile("list imsa.list: now ");

    /** Read on by every test in turn (one instance per test method). */
    static long logOffset;
    static int reloadsSeen;

    @RegisterExtension
    static final JamesExtension JAMES = JamesExtension.withConf((home, port) -> {
        SmtpServerXml.writeInto(home, SmtpServerXml.of(port, SmtpServerXml.noTls(),
            "<handler class=\"org.imsajames.smtp.ConnectionControlHandler\">"
                + "<policy>accept-all-except</policy>"
                + "<listFile>file://conf/imsa.list</listFile>"
                + "<watchIntervalMillis>100</watchIntervalMillis>"
                + "</handler>"));
        Files.writeString(home.resolve("conf/imsa.list"), "127.0.7.1\n");
        logOffset = 0; // a new James, a new log
        reloadsSeen = 0;
    });

    final JamesServerProcess james = JAMES.process();
    final int port = JAMES.port();
    final Path list = JAMES.conf().resolve("imsa.list");

    @Test
    @Order(1)
    void changedListTakesEffectWithinTwoSecondsWithoutRestart() throws Exception {
        SmtpAssertions.assertRefused("127.0.7.1", port);
        SmtpAssertions.assertGreeted("127.0.7.2", port);

        Instant written = Instant.now();
        replaceList("127.0.7.2\n");

        awaitRefused("127.0.7.2");
        assertThat(Duration.between(written, Instant.now())).isLessThan(RELOAD_DEADLINE.plusSeconds(1));
        SmtpAssertions.assertGreeted("127.0.7.1", port);
    }

    @Test
    @Order(2)
    void invalidListKeepsThePreviousPolicyAndSaysWhy() throws Exception {
        int reloadsBefore = reloads();
        replaceList("127.0.7.3\n10.0.0.0:255.0.255.0\n");

        awaitLog("imsa.list:2: '10.0.0.0:255.0.255.0' is not a contiguous netmask");
        assertThat(james.log()).contains("keeping the previous policy");
        assertThat(reloads()).isEqualTo(reloadsBefore);
        SmtpAssertions.assertRefused("127.0.7.2", port);
        SmtpAssertions.assertGreeted("127.0.7.3", port);
    }

    /**
     * 100 reloads of a 100k-entry list while four clients run sessions back to back. What must hold at every reload,
     * not only on the whole: the version just written is the one in force (the loopback address it adds is refused,
     * the one the previous version added is greeted again), a session opened before the write finishes after the
     * reload on the same connection, and every client completes a session begun after the reload; no session fails.
     */
    @Test
    @Order(3)
    void hundredReloadsOfA100kListLoseNoSessionOfAllowedClients() throws Exception {
        List<String> base = randomEntries(100_000);
        AtomicBoolean running = new AtomicBoolean(true);
        int clientCount = 4;
        AtomicLongArray lastCompletedStart = new AtomicLongArray(clientCount);
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(clientCount);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            int index = c;
            String source = "127.0.8." + (c + 1);
            futures.add(clients.submit(() -> {
                while (running.get()) {
                    long started = System.nanoTime();
                    try (SmtpClient client = SmtpClient.connect(source, port)) {
                        expect(client.read().code(), "220", source);
                        expect(client.send("EHLO load.example").code(), "250", source);
                        expect(client.send("MAIL FROM:<load@example.com>").code(), "250", source);
                        expect(client.send("QUIT").code(), "221", source);
                        lastCompletedStart.set(index, started);
                    } catch (IOException | AssertionError e) {
                        failures.add(source + ": " + e);
                    }
                }
            }));
        }
        try {
            for (int version = 0; version < 100; version++) {
                String listed = "127.0.9." + (1 + version % 2);
                String listedBefore = "127.0.9." + (1 + (version + 1) % 2);
                try (SmtpClient spanning = SmtpClient.connect("127.0.8.9", port)) {
                    expect(spanning.read().code(), "220", "127.0.8.9");
                    expect(spanning.send("EHLO spanning.example").code(), "250", "127.0.8.9");

                    int before = reloads();
                    List<String> entries = new ArrayList<>(base);
                    entries.set(version, "10.255.255." + version); // every version differs
                    entries.add(listed);
                    replaceList(String.join("\n", entries) + "\n");
                    awaitReloadsAbove(before);
                    long reloaded = System.nanoTime();

                    expect(spanning.send("MAIL FROM:<spanning@example.com>").code(), "250", "reload " + version);
                    expect(spanning.send("QUIT").code(), "221", "reload " + version);
                    SmtpAssertions.assertRefused(listed, port);
                    if (version > 0) {
                        SmtpAssertions.assertGreeted(listedBefore, port);
                    }
                    awaitSessionsBegunAfter(reloaded, lastCompletedStart, version);
                }
            }
        } finally {
            running.set(false);
            for (Future<?> future : futures) {
                future.get();
            }
            clients.shutdown();
        }
        assertThat(failures).isEmpty();
    }

    /** Every client has completed a session that began after NANOS (sessions go on through the reloads). */
    private static void awaitSessionsBegunAfter(long nanos, AtomicLongArray lastCompletedStart, int version)
        throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        for (int c = 0; c < lastCompletedStart.length(); c++) {
            while (lastCompletedStart.get(c) - nanos < 0) {
                assertThat(Instant.now()).as("client 127.0.8.%d completes a session after reload %d", c + 1, version)
                    .isBefore(deadline);
                Thread.sleep(5);
            }
        }
    }

    private static void expect(String actual, String expected, String source) {
        if (!actual.equals(expected)) {
            throw new AssertionError("expected " + expected + " but got " + actual + " for " + source);
        }
    }

    private static List<String> randomEntries(int count) {
        Random random = new Random(42);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int a = 11 + random.nextInt(100);
            String address = a + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            entries.add(i % 4 == 0 ? address + ":255.255.255.0" : address);
        }
        return entries;
    }

    /** Replaces the list atomically, as operators are told to (write a temporary file, then rename). */
    private void replaceList(String content) throws IOException {
        Path next = list.resolveSibling("imsa.list.tmp");
        Files.writeString(next, content);
        Files.move(next, list, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private int reloads() throws IOException {
        String added = james.logFrom(logOffset);
        logOffset += added.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        Matcher matcher = RELOADED.matcher(added);
        while (matcher.find()) {
            reloadsSeen++;
        }
        return reloadsSeen;
    }

    /** Generous on purpose: this test is about sessions not lost, the 2 s promise is checked above. */
    private void awaitReloadsAbove(int before) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (reloads() <= before) {
            assertThat(Instant.now()).as("reload within the deadline").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitLog(String expected) throws Exception {
        Instant deadline = Instant.now().plus(RELOAD_DEADLINE.multipliedBy(2));
        while (!james.log().contains(expected)) {
            assertThat(Instant.now()).as("log line '%s' within the deadline", expected).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private void awaitRefused(String source) throws Exception {
        Instant deadline = Instant.now().plus(RELOAD_DEADLINE.multipliedBy(2));
        while (true) {
            try (SmtpClient client = SmtpClient.connect(source, port)) {
                if (client.read().code().equals("554")) {
                    return;
                }
            }
            assertThat(Instant.now()).as("%s refused within the deadline", source).isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
