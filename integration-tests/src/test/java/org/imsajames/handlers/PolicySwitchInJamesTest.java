package org.imsajames.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.imsajames.testkit.JamesExtension;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpServerXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mode travels in the list file ({@code #! policy}), so switching it on a running James is one atomic step:
 * probes from an address refused by both generations, one accepted by both and one that changes see only
 * decisions one of the two generations makes, and each new one is in force within 2 s. The list is reached as
 * the published layout has it, {@code conf/imsa/current/connection-control.list} with {@code current} a symlink
 * to a generation folder; switches alternate between a new generation (symlink renamed over {@code current})
 * and a new file renamed over the list.
 */
class PolicySwitchInJamesTest {
    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(2);
    /** accept-all-except, deny list 127.0.20.0/24: refuses .20, accepts .21 and .22. */
    private static final String DENY_LIST = "# generation A\n#! policy accept-all-except\n#! entries 1\n127.0.20.0/24\n";
    /** deny-all-except, permit list 127.0.22.0/24: accepts .22, refuses .20 and .21. */
    private static final String PERMIT_LIST = "# generation B\n#! policy deny-all-except\n#! entries 2\n"
        + "127.0.22.0/24\n127.0.23.0/24\n";
    private static final String REFUSED_BY_BOTH = "127.0.20.5";
    private static final String ACCEPTED_BY_BOTH = "127.0.22.5";
    private static final String CHANGES = "127.0.21.5";

    /** Set up before James starts, shared by the test (one instance per test method). */
    static Path imsa;
    static int generations;

    @RegisterExtension
    static final JamesExtension JAMES = JamesExtension.withConf((home, port) -> {
        // Hand-written: the generator's output is being changed in parallel. No <policy>: the file carries it.
        SmtpServerXml.writeInto(home, SmtpServerXml.of(port, SmtpServerXml.noTls(),
            "<handler class=\"org.imsajames.smtp.ConnectionControlHandler\">"
                + "<listFile>file://conf/imsa/current/connection-control.list</listFile>"
                + "<watchIntervalMillis>100</watchIntervalMillis>"
                + "</handler>"));
        imsa = Files.createDirectories(home.resolve("conf/imsa"));
        generations = 0; // a new James, a new conf folder
        publishGeneration(DENY_LIST);
    });

    final JamesServerProcess james = JAMES.process();
    final int port = JAMES.port();

    @Test
    void tenModeSwitchesThroughTheFileAloneNeverMixTwoGenerations() throws Exception {
        assertThat(ListProbe.decisionFor(CHANGES, port)).isEqualTo("220");
        List<Long> switchMillis = new ArrayList<>();
        try (ListProbe refused = ListProbe.start(REFUSED_BY_BOTH, port);
                ListProbe accepted = ListProbe.start(ACCEPTED_BY_BOTH, port);
                ListProbe changing = ListProbe.start(CHANGES, port)) {
            for (int i = 1; i <= 10; i++) {
                boolean toPermitList = i % 2 == 1;
                String content = toPermitList ? PERMIT_LIST : DENY_LIST;
                Instant written = Instant.now();
                if (i % 4 == 1 || i % 4 == 2) {
                    publishGeneration(content);
                } else {
                    renameOverList(content);
                }
                String expected = toPermitList ? "554" : "220";
                while (!ListProbe.decisionFor(CHANGES, port).equals(expected)) {
                    assertThat(Duration.between(written, Instant.now()))
                        .as("switch %d: %s gets %s within 2 s", i, CHANGES, expected).isLessThan(RELOAD_DEADLINE);
                    Thread.sleep(20);
                }
                switchMillis.add(Duration.between(written, Instant.now()).toMillis());
                Thread.sleep(400); // let the background probes see this generation for a few rounds
            }
            refused.close();
            accepted.close();
            changing.close();

            assertThat(refused.otherThan("554")).as("%s is refused by both generations", REFUSED_BY_BOTH).isEmpty();
            assertThat(accepted.otherThan("220")).as("%s is accepted by both generations", ACCEPTED_BY_BOTH).isEmpty();
            assertThat(changing.neither("220", "554")).isEmpty();
            assertThat(refused.probes() + accepted.probes() + changing.probes()).isGreaterThan(100);
        }
        System.out.println("PolicySwitchInJamesTest: new policy in force after (ms) " + switchMillis);
        String log = james.log();
        assertThat(log).contains("list connection-control.list: now deny-all-except with 2 blocks, generation ");
        // smtpserver.xml stays the start-up generation's: said once for each other generation put in force.
        String restart = "; its list and mode are in force, but the rest of its smtpserver.xml (trusted proxies, TLS"
            + " only, limits, TLS keystore) applies only when James restarts";
        for (int g = 2; g <= generations; g++) {
            String line = "conf/imsa/current now points to generation g" + g + restart;
            assertThat(log.split(java.util.regex.Pattern.quote(line), -1)).as("said once: g%d", g).hasSize(2);
        }
        assertThat(log).doesNotContain("now points to generation g1;");
    }

    /** A new generation folder, then a temporary symlink renamed over imsa/current: the publisher's one switch. */
    private static void publishGeneration(String content) throws Exception {
        generations++;
        Path generation = Files.createDirectories(imsa.resolve("generations/g" + generations));
        Files.writeString(generation.resolve("connection-control.list"), content);
        Path link = imsa.resolve(".current.tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("generations/g" + generations));
        Files.move(link, imsa.resolve("current"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A whole new file renamed over the list (through the current symlink). */
    private void renameOverList(String content) throws Exception {
        Path folder = imsa.resolve("current").toRealPath();
        Path next = folder.resolve(".connection-control.list.tmp");
        Files.writeString(next, content);
        Files.move(next, folder.resolve("connection-control.list"), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
    }
}
