package org.imsajames.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpServerXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that resets its connection (RST, not FIN) makes James 3.8.1 log "Unable to process request" at ERROR
 * with the whole stack trace. With the logging the README recommends, that is the message and one line of trace.
 */
class ClientResetLogInJamesTest {
    private static final int RESETS = 5;

    @Test
    void aClientResetCostsAFewLinesNotAStackTrace(@TempDir Path home) throws Exception {
        int port = FreePorts.next();
        SmtpServerXml.writeInto(home, SmtpServerXml.of(port, SmtpServerXml.noTls(),
            "<handler class=\"org.imsajames.smtp.ConnectionControlHandler\">"
                + "<policy>accept-all-except</policy><entry>127.0.100.0/24</entry></handler>"));
        try (var logback = ClientResetLogInJamesTest.class.getResourceAsStream("/operator-logback.xml")) {
            Files.copy(logback, home.resolve("conf/logback.xml"));
        }
        try (JamesServerProcess james = JamesServerProcess.start(home)) {
            long before = Files.size(home.resolve("james.log"));
            for (int i = 0; i < RESETS; i++) {
                reset("127.0.0." + (20 + i), port);
            }
            String logged = awaitErrors(james, before, RESETS);
            List<String> traceLines = logged.lines().filter(line -> line.startsWith("\tat ")).collect(Collectors.toList());
            System.out.printf("%d client resets: %d bytes of log, %d stack frames%n", RESETS, logged.length(),
                traceLines.size());

            assertThat(logged).contains("Unable to process request");
            assertThat(traceLines).as("stack frames logged for %d resets:%n%s", RESETS, logged)
                .hasSizeLessThanOrEqualTo(2 * RESETS);
        }
    }

    /** Greeted, then closed with SO_LINGER 0: the kernel sends RST, which James reads as an IOException. */
    private static void reset(String source, int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            socket.getInputStream().read(new byte[512]); // the 220 greeting
            socket.setSoLinger(true, 0);
        }
    }

    private static String awaitErrors(JamesServerProcess james, long offset, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String logged = james.logFrom(offset);
        while (countOf(logged, "Unable to process request") < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            logged = james.logFrom(offset);
        }
        Thread.sleep(300); // the trace lines follow the message
        return james.logFrom(offset);
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
