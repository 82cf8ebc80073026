package org.imsajames.webadmin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imsajames.testkit.JamesServerProcess;

/**
 * The publish steps James announces on stderr (its log) when it runs with the publisher's test hook
 * ({@code -Dimsa.james.test.publishStepDelayMs=N}): "imsa-james test hook: publish step NAME at MICROSECONDS".
 */
final class PublishSteps {
    static final String DELAY_PROPERTY = "imsa.james.test.publishStepDelayMs";
    private static final Pattern STEP = Pattern.compile("imsa-james test hook: publish step (.+) at ([0-9]+)");

    private PublishSteps() {
    }

    /** One announcement: the step's name and the wall-clock time James printed, in microseconds. */
    static final class Step {
        final String name;
        final long atMicros;

        Step(String name, long atMicros) {
            this.name = name;
            this.atMicros = atMicros;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The steps announced in JAMES's log since byte OFFSET, in order. */
    static List<Step> since(JamesServerProcess james, long offset) throws Exception {
        List<Step> steps = new ArrayList<>();
        Matcher matcher = STEP.matcher(james.logFrom(offset));
        while (matcher.find()) {
            steps.add(new Step(matcher.group(1).trim(), Long.parseLong(matcher.group(2))));
        }
        return steps;
    }

    /** Polls the log (every 2 ms, so a kill follows the announcement closely) until NAME is announced. */
    static Step await(JamesServerProcess james, long offset, String name, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            for (Step step : since(james, offset)) {
                if (step.name.equals(name)) {
                    return step;
                }
            }
            if (!james.isAlive()) {
                throw new AssertionError("James exited before announcing publish step '" + name + "'");
            }
            Thread.sleep(2);
        }
        throw new AssertionError("James did not announce publish step '" + name + "' within " + limit + "; it said "
            + since(james, offset));
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
