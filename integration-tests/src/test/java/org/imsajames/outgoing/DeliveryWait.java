package org.imsajames.outgoing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Polls until a probe finds what a test waits for (a delivery, a bounce), checking on every round what must never
 * happen meanwhile; on time-out fails with what the suite can tell about the receivers and James.
 */
final class DeliveryWait {
    /** Something checked on every round; it throws to end the wait at once. */
    interface Check {
        void run() throws Exception;
    }

    /** What a suite shows when a wait fails. */
    interface Diagnostics {
        String describe() throws Exception;
    }

    private DeliveryWait() {
    }

    static <T> T until(String what, Duration timeout, Check everyRound, Callable<T> probe, Diagnostics diagnostics)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            everyRound.run();
            T found = probe.call();
            if (found != null) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " within " + timeout + "\n" + diagnostics.describe());
    }
}
