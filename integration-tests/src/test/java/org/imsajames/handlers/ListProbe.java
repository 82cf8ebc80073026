package org.imsajames.handlers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.imsajames.testkit.SmtpClient;

/**
 * A real SMTP client that connects from one loopback address every 100 ms and records what the server decided:
 * "220" (greeted), "554" (refused) or anything else (a wrong answer, kept with the time it came).
 */
final class ListProbe implements AutoCloseable {
    private static final long PERIOD_MILLIS = 100;

    private final String source;
    private final int port;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger probes = new AtomicInteger();
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    private ListProbe(String source, int port) {
        this.source = source;
        this.port = port;
        this.thread = new Thread(this::run, "probe-" + source);
        this.thread.setDaemon(true);
    }

    static ListProbe start(String source, int port) {
        ListProbe probe = new ListProbe(source, port);
        probe.thread.start();
        return probe;
    }

    /** What one connection from SOURCE gets now: "220", "554" or what else came. */
    static String decisionFor(String source, int port) {
        try (SmtpClient client = SmtpClient.connect(source, port)) {
            String code = client.read().code();
            if (code.equals("220")) {
                client.send("QUIT");
            }
            return code;
        } catch (IOException e) {
            return "IOException: " + e.getMessage();
        }
    }

    private void run() {
        while (running.get()) {
            long started = System.nanoTime();
            seen.add(System.currentTimeMillis() + " " + decisionFor(source, port));
            probes.incrementAndGet();
            long slept = (System.nanoTime() - started) / 1_000_000;
            try {
                Thread.sleep(Math.max(0, PERIOD_MILLIS - slept));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    int probes() {
        return probes.get();
    }

    /** Every answer other than EXPECTED, with its time. */
    List<String> otherThan(String expected) {
        List<String> other = new ArrayList<>();
        synchronized (seen) {
            for (String answer : seen) {
                if (!answer.endsWith(" " + expected)) {
                    other.add(answer);
                }
            }
        }
        return other;
    }

    /** Every answer that is neither of the two. */
    List<String> neither(String one, String two) {
        List<String> other = new ArrayList<>();
        synchronized (seen) {
            for (String answer : seen) {
                if (!answer.endsWith(" " + one) && !answer.endsWith(" " + two)) {
                    other.add(answer);
                }
            }
        }
        return other;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join(20_000);
    }
}
