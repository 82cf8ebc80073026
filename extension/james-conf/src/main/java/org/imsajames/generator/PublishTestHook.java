package org.imsajames.generator;

import java.io.PrintStream;

/**
 * A test hook, off unless asked for: with the environment variable {@value #VARIABLE} (or the system property
 * {@value #PROPERTY}) set to N, each publish step is announced on stderr ("imsa-james test hook: publish step
 * NAME at MICROSECONDS", the wall-clock time) and followed by a sleep of N ms, so that a crash test can kill the generator (or James, during a save of the Connections screen) while it publishes and
 * tell where the kill landed. It only slows publishing down; it changes nothing in what is written.
 */
final class PublishTestHook {
    static final String VARIABLE = "IMSA_JAMES_TEST_PUBLISH_STEP_DELAY_MS";
    static final String PROPERTY = "imsa.james.test.publishStepDelayMs";

    private final long delayMillis;
    private final PrintStream out;

    private PublishTestHook(long delayMillis, PrintStream out) {
        this.delayMillis = delayMillis;
        this.out = out;
    }

    static PublishTestHook fromEnvironment() {
        String value = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        long delay = 0;
        if (value != null && value.matches("[0-9]{1,6}")) {
            delay = Long.parseLong(value);
        }
        return new PublishTestHook(delay, System.err);
    }

    static PublishTestHook off() {
        return new PublishTestHook(0, System.err);
    }

    void step(String name) {
        if (delayMillis == 0) {
            return;
        }
        // The wall-clock time in microseconds, so that a test can order the steps of two runs.
        java.time.Instant now = java.time.Instant.now();
        out.println("imsa-james test hook: publish step " + name + " at "
                + (now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000));
        out.flush();
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
