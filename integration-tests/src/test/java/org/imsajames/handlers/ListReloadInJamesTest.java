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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.james.SmtpAssertions;
import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.SmtpServerXml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The watched list file inside a real James: changes apply live, bad files keep the policy, no session lost. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListReloadInJamesTest {
    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(2);
    private static final Pattern RELOADED = Pattern.compile("list imsa.list: now ");

    Path home;
    Path list;
    JamesServerProcess james;
    int port;
    long logOffset;
    int reloadsSeen;

    @BeforeAll
    void startJames(@TempDir Path home) throws Exception {
        this.home = home;
        port = FreePorts.next();
        SmtpServerXml.writeInto(home, SmtpServerXml.of(port, SmtpServerXml.noTls(),
            "<handler class=\"org.imsajames.smtp.ConnectionControlHandler\">"
                + "<policy>accept-all-except</policy>"
                + "<listFile>file://conf/imsa.list</listFile>"
                + "<watchIntervalMillis>100</watchIntervalMillis>"
                + "</handler>"));
        list = home.resolve("conf/imsa.list");
        replaceList("127.0.7.1\n");
        james = JamesServerProcess.start(home);
    }

    @AfterAll
    void stopJames() throws Exception {
        james.close();
    }

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

    @Test
    @Order(3)
    void hundredReloadsOfA100kListLoseNoSessionOfAllowedClients() throws Exception {
        List<String> base = randomEntries(100_000);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sessions = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String source = "127.0.8." + (c + 1);
            futures.add(clients.submit(() -> {
                while (running.get()) {
                    try (SmtpClient client = SmtpClient.connect(source, port)) {
                        expect(client.read().code(), "220", source);
                        expect(client.send("EHLO load.example").code(), "250", source);
                        expect(client.send("MAIL FROM:<load@example.com>").code(), "250", source);
                        expect(client.send("QUIT").code(), "221", source);
                        sessions.incrementAndGet();
                    } catch (IOException | AssertionError e) {
                        failures.add(source + ": " + e);
                    }
                }
            }));
        }
        try {
            for (int version = 0; version < 100; version++) {
                int before = reloads();
                List<String> entries = new ArrayList<>(base);
                entries.set(version, "10.255.255." + version); // every version differs
                replaceList(String.join("\n", entries) + "\n");
                awaitReloadsAbove(before);
            }
        } finally {
            running.set(false);
            for (Future<?> future : futures) {
                future.get();
            }
            clients.shutdown();
        }
        assertThat(failures).isEmpty();
        assertThat(sessions.get()).isGreaterThan(100);
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
