package org.imsajames.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imsajames.testkit.JamesConfFiles;
import org.imsajames.testkit.JamesExtension;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpClient.Reply;
import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.SmtpServerXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000 connections from refused addresses (127.0.100.0/24) against a real James while allowed clients keep
 * delivering: every refused one gets exactly {@code 554 5.7.1} and is closed, no allowed session fails, and James
 * gives its file descriptors back and keeps nothing of a refused connection (its channels and live heap after a
 * full GC come back). The numbers measured are printed.
 */
class RefusedFloodInJamesTest {
    private static final int REFUSED_CONNECTIONS = 10_000;
    private static final int FLOOD_THREADS = 6;
    private static final int ALLOWED_CLIENTS = 3;
    private static final Duration FLOOD_DEADLINE = Duration.ofSeconds(60);
    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(15);
    /** Descriptors James may keep beyond the pre-flood count once the flood is over (lazily opened jars, epoll). */
    private static final int DESCRIPTOR_MARGIN = 20;
    private static final String BODY_LINE = "x".repeat(62) + "\r\n";
    private static final int MAX_REPORTED_DEVIATIONS = 20;
    private static final int WARM_UP_REFUSALS = 20;
    private static final int DISTINCT_REFUSED_ADDRESSES = 254;
    /** Short, so that the flood spans several intervals and the last summary comes soon after it. */
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);
    /** Generous for one line naming a refused address (about 130 bytes); one per connection would be 10,000. */
    private static final int BYTES_PER_LOGGED_ADDRESS = 300;
    private static final Pattern SUMMARY = Pattern.compile(
        "Refused (\\d+) connections from (\\d+) addresses in the last " + REFUSAL_LOG_INTERVAL.toSeconds() + " s; most: ");

    /** A connection's channel: what James would keep per connection if closed ones were never let go. */
    private static final String CHANNEL_CLASS = "io.netty.channel.socket.nio.NioSocketChannel";
    /** Connections held open to show that the histogram counts {@link #CHANNEL_CLASS}. */
    private static final int HELD_CONNECTIONS = 5;
    /** Channels that may still be reachable once every client has gone (closing, or in a pool). */
    private static final int CHANNEL_MARGIN = 10;
    /**
     * Live heap James may gain over the flood, per refused connection: holding on to anything per connection (a
     * channel, a session, a log event, a tracking entry) is hundreds of bytes at least; 10,000 of them exceed this.
     */
    private static final long LIVE_BYTES_PER_REFUSED_CONNECTION = 500;

    @RegisterExtension
    static final JamesExtension JAMES = JamesExtension.withConf((home, port) -> {
        SmtpServerXml.writeInto(home, SmtpServerXml.of(port, SmtpServerXml.noTls(),
            "<handler class=\"org.imsajames.smtp.ConnectionControlHandler\">"
                + "<policy>accept-all-except</policy><entry>127.0.100.0/24</entry>"
                + "<refusalLogIntervalSeconds>" + REFUSAL_LOG_INTERVAL.toSeconds() + "</refusalLogIntervalSeconds>"
                + "</handler>"));
        // Accepted mail is dropped: the test is about the SMTP side, and nothing may leave the machine.
        JamesConfFiles.writeDiscardingMailetContainer(home);
        // Logging as the README recommends to operators, so that the log volume measured is the one they get.
        JamesConfFiles.writeLogback(home, RefusedFloodInJamesTest.class, "/operator-logback.xml");
    });

    final JamesServerProcess james = JAMES.process();
    final ProcessResources resources = new ProcessResources(JAMES.pid());
    final int port = JAMES.port();

    @Test
    void refusedFloodGetsExactly554WhileAllowedClientsDeliverAndJamesGivesItsResourcesBack() throws Exception {
        // Warm up first, so that classes and buffers James loads on first use are not counted as leaks.
        for (int i = 0; i < WARM_UP_REFUSALS; i++) {
            deliver("127.0.0.10");
            refusedAsExpected("127.0.100.1");
        }
        int descriptorsBefore = resources.openFileDescriptors();
        long logBytesBefore = logBytes();
        long residentKbBefore = resources.residentKb();
        long liveBytesBefore = resources.liveObjects().totalBytes();

        List<String> deviations = Collections.synchronizedList(new ArrayList<>());
        List<String> failedSessions = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger deviated = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean flooding = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(FLOOD_THREADS + ALLOWED_CLIENTS);
        List<Future<?>> allowed = new ArrayList<>();
        for (int c = 0; c < ALLOWED_CLIENTS; c++) {
            String source = "127.0.0." + (11 + c);
            allowed.add(threads.submit(() -> {
                while (flooding.get()) {
                    try {
                        deliver(source);
                        delivered.incrementAndGet();
                    } catch (IOException | AssertionError e) {
                        if (failed.incrementAndGet() <= MAX_REPORTED_DEVIATIONS) {
                            failedSessions.add(source + ": " + e);
                        }
                    }
                }
            }));
        }
        AtomicInteger next = new AtomicInteger();
        Instant start = Instant.now();
        Instant deadline = start.plus(FLOOD_DEADLINE);
        List<Future<?>> flood = new ArrayList<>();
        for (int t = 0; t < FLOOD_THREADS; t++) {
            flood.add(threads.submit(() -> {
                for (int n = next.getAndIncrement(); n < REFUSED_CONNECTIONS && Instant.now().isBefore(deadline);
                     n = next.getAndIncrement()) {
                    String source = "127.0.100." + (1 + n % 254);
                    String deviation = refusal(source);
                    if (deviation == null) {
                        refused.incrementAndGet();
                    } else if (deviated.incrementAndGet() <= MAX_REPORTED_DEVIATIONS) {
                        deviations.add("#" + n + " from " + source + ": " + deviation);
                    }
                }
            }));
        }
        for (Future<?> future : flood) {
            future.get();
        }
        Duration floodTime = Duration.between(start, Instant.now());
        long peakDuringFloodKb = resources.peakResidentKb();
        int descriptorsAtFloodEnd = resources.openFileDescriptors();
        flooding.set(false);
        for (Future<?> future : allowed) {
            future.get();
        }
        threads.shutdown();

        int descriptorsAfter = settledDescriptors(descriptorsBefore + DESCRIPTOR_MARGIN);
        // The last interval's summary comes at its end, refusals or not.
        Thread.sleep(REFUSAL_LOG_INTERVAL.plusSeconds(3).toMillis());
        long logGrowth = logBytes() - logBytesBefore;
        long refusedLogBytes = james.logFrom(logBytesBefore).lines().filter(line -> line.contains("127.0.100."))
            .mapToLong(line -> line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1).sum();
        System.out.printf("James log during the flood: %d bytes in all (%.1f per refused connection), %d bytes in"
                + " lines naming a refused address (%.1f per refused connection)%n", logGrowth,
            logGrowth / (double) REFUSED_CONNECTIONS, refusedLogBytes, refusedLogBytes / (double) REFUSED_CONNECTIONS);
        long residentKbAfter = resources.residentKb();
        long channelsHeld = channelsWhileHolding(HELD_CONNECTIONS);
        long liveBytesAfter = settledLiveBytes(liveBytesBefore);
        long channelsAfter = resources.liveObjects().instances(CHANNEL_CLASS);
        System.out.printf("Flood: %d refused connections in %d ms (%.0f/s) with %d threads; %d allowed sessions"
                + " delivered meanwhile (%d failed)%n", refused.get() + deviated.get(), floodTime.toMillis(),
            (refused.get() + deviated.get()) * 1000.0 / Math.max(1, floodTime.toMillis()), FLOOD_THREADS,
            delivered.get(), failed.get());
        System.out.printf("James open file descriptors: %d before, %d at the end of the flood, %d after settling%n",
            descriptorsBefore, descriptorsAtFloodEnd, descriptorsAfter);
        System.out.printf("James resident memory: %d MB before, %d MB after, peak %d MB%n",
            residentKbBefore / 1024, residentKbAfter / 1024, peakDuringFloodKb / 1024);
        System.out.printf("James live heap after a full GC: %d kB before, %d kB after (%+.1f bytes per refused"
                + " connection); live %s: %d with %d connections held, %d after%n", liveBytesBefore / 1024,
            liveBytesAfter / 1024, (liveBytesAfter - liveBytesBefore) / (double) REFUSED_CONNECTIONS, CHANNEL_CLASS,
            channelsHeld, HELD_CONNECTIONS, channelsAfter);

        assertThat(refused.get() + deviated.get()).as("connections tried within %s", FLOOD_DEADLINE)
            .isEqualTo(REFUSED_CONNECTIONS);
        assertThat(deviations).as("refused connections that did not get exactly 554 5.7.1 then a close (%d of them,"
            + " the first %d shown)", deviated.get(), MAX_REPORTED_DEVIATIONS).isEmpty();
        assertThat(failedSessions).as("allowed sessions that failed (%d, the first %d shown)", failed.get(),
            MAX_REPORTED_DEVIATIONS).isEmpty();
        assertThat(delivered.get()).as("allowed sessions delivered during the flood").isGreaterThan(ALLOWED_CLIENTS);
        assertThat(descriptorsAfter).as("James's open file descriptors after the flood (before: %d)", descriptorsBefore)
            .isLessThanOrEqualTo(descriptorsBefore + DESCRIPTOR_MARGIN);
        // Bounded memory per refused connection: nothing of a closed connection stays reachable.
        assertThat(channelsHeld).as("live channels while %d connections are open (the count counts)", HELD_CONNECTIONS)
            .isGreaterThanOrEqualTo(HELD_CONNECTIONS);
        assertThat(channelsAfter).as("live channels once every client has gone, after %d refused connections",
            REFUSED_CONNECTIONS).isLessThanOrEqualTo(CHANNEL_MARGIN);
        assertThat(liveBytesAfter - liveBytesBefore).as("live heap James gained over %d refused connections (before:"
            + " %d bytes)", REFUSED_CONNECTIONS, liveBytesBefore)
            .isLessThan(LIVE_BYTES_PER_REFUSED_CONNECTION * REFUSED_CONNECTIONS);
        List<String> summaries = james.log().lines().filter(line -> SUMMARY.matcher(line).find())
            .collect(java.util.stream.Collectors.toList());
        long summarised = summaries.stream().mapToLong(line -> {
            Matcher matcher = SUMMARY.matcher(line);
            matcher.find();
            assertThat(Integer.parseInt(matcher.group(2))).as(line).isLessThanOrEqualTo(DISTINCT_REFUSED_ADDRESSES);
            return Long.parseLong(matcher.group(1));
        }).sum();
        System.out.printf("Refusal summaries: %d, e.g. %s%n", summaries.size(), summaries.isEmpty() ? "-" : summaries.get(0));
        assertThat(summarised).as("refusals accounted for by the summaries %s", summaries)
            .isEqualTo(REFUSED_CONNECTIONS + WARM_UP_REFUSALS);
        // Bounded by addresses and intervals, not by connections: one INFO line per connection would fail this.
        assertThat(refusedLogBytes).as("bytes of log naming a refused address during the flood")
            .isLessThan((long) BYTES_PER_LOGGED_ADDRESS * DISTINCT_REFUSED_ADDRESSES * summaries.size());
        assertThat(firstRefusalLines()).as("INFO lines for single refusals")
            .isLessThanOrEqualTo((long) DISTINCT_REFUSED_ADDRESSES * summaries.size());
    }

    /** Live channels counted while COUNT greeted connections are held open. */
    private long channelsWhileHolding(int count) throws Exception {
        List<SmtpClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                SmtpClient client = SmtpClient.connect("127.0.0.20", port);
                held.add(client);
                expect(client.read(), "220");
            }
            return resources.liveObjects().instances(CHANNEL_CLASS);
        } finally {
            for (SmtpClient client : held) {
                client.close();
            }
        }
    }

    /**
     * Live bytes after a full GC, once they are within the bound or the settle deadline has passed: James's own
     * housekeeping (metrics, the refusal interval ending) may hold a little for a moment.
     */
    private long settledLiveBytes(long before) throws Exception {
        Instant deadline = Instant.now().plus(SETTLE_DEADLINE);
        long live = resources.liveObjects().totalBytes();
        while (live - before >= LIVE_BYTES_PER_REFUSED_CONNECTION * REFUSED_CONNECTIONS && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            live = resources.liveObjects().totalBytes();
        }
        return live;
    }

    /** Null when the server answered exactly one 554 5.7.1 line and closed; otherwise what happened instead. */
    private String refusal(String source) {
        try (SmtpClient client = SmtpClient.connect(source, port)) {
            Reply reply = client.read();
            if (reply.lines().size() != 1 || !reply.lines().get(0).startsWith("554 5.7.1 ")) {
                return "reply " + reply;
            }
            return client.closedByServer() ? null : "not closed after the 554";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void refusedAsExpected(String source) {
        String deviation = refusal(source);
        assertThat(deviation).as("refusal of %s", source).isNull();
    }

    /** A whole session with a 1 KiB message; relaying is allowed for 127.0.0.0/8. */
    private void deliver(String source) throws IOException {
        try (SmtpClient client = SmtpClient.connect(source, port)) {
            expect(client.read(), "220");
            expect(client.send("EHLO client.example"), "250");
            expect(client.send("MAIL FROM:<sender@example.com>"), "250");
            expect(client.send("RCPT TO:<recipient@example.net>"), "250");
            expect(client.send("DATA"), "354");
            StringBuilder message = new StringBuilder("Subject: flood test\r\n\r\n");
            while (message.length() < 1024) {
                message.append(BODY_LINE);
            }
            expect(client.send(message + "."), "250");
            expect(client.send("QUIT"), "221");
        }
    }

    private static void expect(Reply reply, String code) {
        if (!reply.code().equals(code)) {
            throw new AssertionError("expected " + code + " but got " + reply);
        }
    }

    /** The descriptor count once it is at or below the target, or the last count seen at the deadline. */
    private int settledDescriptors(int target) throws Exception {
        Instant deadline = Instant.now().plus(SETTLE_DEADLINE);
        int count = resources.openFileDescriptors();
        while (count > target && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            count = resources.openFileDescriptors();
        }
        return count;
    }

    private long logBytes() throws IOException {
        return Files.size(james.home().resolve("james.log"));
    }

    private long firstRefusalLines() throws IOException {
        return james.log().lines().filter(line -> line.contains("Refused connection from 127.0.100.")).count();
    }
}
