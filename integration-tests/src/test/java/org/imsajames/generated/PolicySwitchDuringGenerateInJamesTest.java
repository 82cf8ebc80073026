package org.imsajames.generated;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's switch of the policy mode on a running James: {@code bin/imsa-james generate} into the conf
 * folder James runs on, from "accept all, except 127.0.20.0/24" to "deny all, except 127.0.22.0/24" and back, ten
 * times. Three probes connect every 100 ms throughout:
 * <ul>
 *   <li>127.0.20.5 is refused by both generations: it must never be greeted;</li>
 *   <li>127.0.22.5 is accepted by both: it must never be refused;</li>
 *   <li>127.0.23.5 is accepted by the first and refused by the second: it shows which generation decides.</li>
 * </ul>
 * Before mode and entries travelled together, the new list was applied under the old mode: 127.0.20.5 was greeted.
 */
class PolicySwitchDuringGenerateInJamesTest {
    private static final String BOTH_REFUSE = "127.0.20.5";
    private static final String BOTH_ACCEPT = "127.0.22.5";
    private static final String CHANGES = "127.0.23.5";
    private static final Duration IN_FORCE_WITHIN = Duration.ofSeconds(2);
    private static final int SWITCHES = 10;

    @Test
    void everyDecisionIsOneGenerationsAndEachSwitchIsInForceWithinTwoSeconds(@TempDir Path work) throws Exception {
        int port = FreePorts.next();
        Path denyList = writeSettings(work.resolve("deny-list.yaml"), port, "accept-all-except", "127.0.20.0/24");
        Path permitList = writeSettings(work.resolve("permit-list.yaml"), port, "deny-all-except", "127.0.22.0/24");
        Path home = Files.createDirectories(work.resolve("james"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        generate(denyList, conf);

        List<String> wrongDecisions = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger probes = new AtomicInteger();
        AtomicBoolean probing = new AtomicBoolean(true);
        List<Long> switchMillis = new ArrayList<>();
        try (JamesServerProcess james = JamesServerProcess.start(home)) {
            assertThat(greeted(CHANGES, port)).as("first generation: accept all except 127.0.20.0/24").isTrue();
            Thread prober = new Thread(() -> probeUntilStopped(port, probing, probes, wrongDecisions), "prober");
            prober.start();
            try {
                for (int i = 0; i < SWITCHES; i++) {
                    boolean toPermitList = i % 2 == 0;
                    generate(toPermitList ? permitList : denyList, conf);
                    long generated = System.nanoTime();
                    boolean expected = !toPermitList; // 127.0.23.5 is greeted under the deny list only
                    while (greeted(CHANGES, port) != expected) {
                        assertThat(Duration.ofNanos(System.nanoTime() - generated))
                            .as("switch %d in force", i + 1).isLessThan(IN_FORCE_WITHIN);
                        Thread.sleep(20);
                    }
                    switchMillis.add(Duration.ofNanos(System.nanoTime() - generated).toMillis());
                }
            } finally {
                probing.set(false);
                prober.join();
            }
            System.out.printf("policy switch: %d switches in force after %s ms; %d probes, %d wrong%n",
                SWITCHES, switchMillis, probes.get(), wrongDecisions.size());
            assertThat(wrongDecisions).as("decisions neither generation would make").isEmpty();
            assertThat(probes.get()).as("probes made while switching").isGreaterThanOrEqualTo(SWITCHES * 2 * 3);
            assertThat(james.log()).doesNotContain("Exception");
        }
    }

    private static void probeUntilStopped(int port, AtomicBoolean probing, AtomicInteger probes, List<String> wrong) {
        while (probing.get()) {
            try {
                if (greeted(BOTH_REFUSE, port)) {
                    wrong.add(BOTH_REFUSE + " greeted");
                }
                if (!greeted(BOTH_ACCEPT, port)) {
                    wrong.add(BOTH_ACCEPT + " refused");
                }
                greeted(CHANGES, port);
                probes.addAndGet(3);
                Thread.sleep(100);
            } catch (Exception | AssertionError e) {
                wrong.add("probe failed: " + e);
            }
        }
    }

    /** True for a 220 greeting, false for the 554 refusal; anything else is a failure. */
    private static boolean greeted(String source, int port) throws Exception {
        try (SmtpClient client = SmtpClient.connect(source, port)) {
            String code = client.read().code();
            assertThat(code).as("answer to %s", source).isIn("220", "554");
            return code.equals("220");
        }
    }

    private static void generate(Path settings, Path conf) throws Exception {
        ImsaJamesCommand.succeed(Map.of(), "generate", "--settings", settings.toString(), "--out", conf.toString());
    }

    private static Path writeSettings(Path file, int port, String policy, String entry) throws Exception {
        return Files.writeString(file, String.join("\n",
            "smtpInterface:",
            "  ipAddress: loopback",
            "  port: " + port,
            "connectionControl:",
            "  policy: " + policy,
            "  entries: [" + entry + "]",
            "relay:",
            "  permittedSenders: [127.0.0.1]",
            "tls:",
            "  outgoing:",
            "    enabled: false",
            ""));
    }
}
