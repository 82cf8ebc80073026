package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.imsajames.james.SmtpAssertions;
import org.imsajames.testkit.SmtpClient;

/** A real client's decision, polled until it is the expected one or the deadline passes. */
final class SmtpAssertionsWithin {
    private SmtpAssertionsWithin() {
    }

    static Duration refusedWithin(String source, int port, Duration limit) throws Exception {
        return within(source, port, limit, true);
    }

    static Duration greetedWithin(String source, int port, Duration limit) throws Exception {
        return within(source, port, limit, false);
    }

    static void greeted(String source, int port) throws IOException {
        SmtpAssertions.assertGreeted(source, port);
    }

    private static Duration within(String source, int port, Duration limit, boolean refused) throws Exception {
        Instant start = Instant.now();
        while (true) {
            String first;
            try (SmtpClient client = SmtpClient.connect(source, port)) {
                first = client.read().toString();
            }
            boolean wasRefused = first.startsWith("554 5.7.1");
            if (wasRefused == refused) {
                if (refused) {
                    SmtpAssertions.assertRefused(source, port);
                } else {
                    SmtpAssertions.assertGreeted(source, port);
                }
                return Duration.between(start, Instant.now());
            }
            Duration waited = Duration.between(start, Instant.now());
            assertThat(waited).as("%s still %s after %s", source, refused ? "greeted" : "refused", waited)
                .isLessThan(limit);
            Thread.sleep(20);
        }
    }
}
