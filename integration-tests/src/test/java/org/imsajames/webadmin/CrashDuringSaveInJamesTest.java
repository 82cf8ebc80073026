package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of James's own JVM in the middle of a save of the Connections screen, once in each step of the publish
 * (the publisher's test hook announces each step on James's stderr and sleeps {@value #STEP_DELAY_MS} ms after it;
 * the kill follows the announcement of the chosen step). Saves are list changes, TLS-only switches and certificate
 * uploads. After each kill James starts again on the same conf folder, and the version in force is the old one or
 * the new one, whole: state, files, audit, history, a real client's decision, TLS only and the certificate
 * STARTTLS serves all agree with what was sent. The next save succeeds (leftovers and the lock do not block it).
 *
 * <p>Restarts cost 10-15 s each: {@value #KILLS} kills keep the suite near 2 minutes. James runs with the hook until
 * the last restart, which is without it (each kill needs a James with the hook; a restart without it before every
 * kill would double the starts). The hook only announces and sleeps; it changes nothing that is written.
 */
class CrashDuringSaveInJamesTest {
    static final long STEP_DELAY_MS = 100;
    /** The step after whose announcement James is killed, one per kill, and whether the new version is in force. */
    private static final List<String> STEPS = List.of("lock acquired", "stage audit.json", "begins",
        "rename staging to generation", "switch current", "prune", "ends", "release lock");
    private static final int KILLS = STEPS.size();
    /** Up to "switch current" (announced before the switch is made) the old version stays; after it, the new. */
    private static final int FIRST_STEP_AFTER_THE_SWITCH = STEPS.indexOf("prune");
    private static final Duration IN_FORCE_WITHIN = Duration.ofSeconds(1);

    enum Kind { LIST, TLS_ONLY, CERTIFICATE }

    @Test
    void aKillInAnyPublishStepOfASaveLeavesTheOldOrTheNewVersionWholeAndTheNextSaveSucceeds(@TempDir Path work)
            throws Exception {
        ConnectionsJames setup = ConnectionsJames.generate(work);
        TestPki.ServerFiles first = setup.tls;
        TestPki.ServerFiles second = TestPki.writeServerFiles(Files.createDirectories(work.resolve("second")),
            TestPki.KeyType.RSA, TestPki.KeyEncoding.PEM_PKCS8, null);
        Path conf = setup.home.resolve("conf");
        WholeVersionAssertions whole = new WholeVersionAssertions(conf, setup.smtpPort);
        Set<String> probes = new LinkedHashSet<>(List.of("127.0.30.2"));
        Map<String, Integer> landedPerStep = new LinkedHashMap<>();
        List<String> outcomes = new ArrayList<>();
        ExecutorService saves = Executors.newSingleThreadExecutor();
        JamesServerProcess james = start(setup, true);
        try {
            WebAdminClient admin = setup.admin("crash-test");
            ScreenVersion current = new ScreenVersion(admin.get(WholeVersionAssertions.STATE).json().get("version")
                .asText(), List.of("127.0.30.2/32"), false, first.serverCertificate(), null, null);
            whole.assertInForce(admin, current, List.of());
            Set<String> known = new LinkedHashSet<>(List.of(current.version));

            for (int kill = 0; kill < KILLS; kill++) {
                String step = STEPS.get(kill);
                Kind kind = Kind.values()[kill % Kind.values().length];
                String by = "crash-" + kill;
                ScreenVersion sent;
                String listed = "127.0.40." + (kill + 1);
                switch (kind) {
                    case LIST:
                        sent = current.withEntries(List.of(listed), by);
                        probes.add(listed);
                        break;
                    case TLS_ONLY:
                        sent = current.withTlsOnly(!current.tlsOnly, by);
                        break;
                    default:
                        sent = current.withCertificate(current.certificate.equals(first.serverCertificate())
                            ? second.serverCertificate() : first.serverCertificate(), by);
                }
                TestPki.ServerFiles upload = sent.certificate.equals(first.serverCertificate()) ? first : second;
                ScreenVersion before = current;
                WebAdminClient saver = setup.admin(by);
                long offset = Files.size(james.logFile());
                Future<WebAdminClient.Reply> save = saves.submit(() -> send(saver, kind, before, sent, upload));

                PublishSteps.Step announced = PublishSteps.await(james, offset, step, Duration.ofSeconds(30));
                Instant killedAt = Instant.now();
                assertThat(ProcessHandle.of(james.pid()).flatMap(process -> process.info().command()).orElse(""))
                    .as("the process killed is James's JVM itself").endsWith("/java");
                assertThat(james.killHard()).as("exit value after SIGKILL").isEqualTo(128 + 9);
                boolean answered = answered(save);
                List<PublishSteps.Step> said = PublishSteps.since(james, offset);
                boolean inside = !answered && said.get(said.size() - 1).name.equals(step)
                    && PublishSteps.micros(killedAt) - announced.atMicros < STEP_DELAY_MS * 1000;
                if (inside) {
                    landedPerStep.merge(step, 1, Integer::sum);
                }

                boolean last = kill == KILLS - 1;
                Instant restart = Instant.now();
                james = start(setup, !last);
                Duration started = Duration.between(restart, Instant.now());
                String inForce = admin.get(WholeVersionAssertions.STATE).json().get("version").asText();
                boolean switched = !inForce.equals(before.version);
                if (switched) {
                    assertThat(known).as("a version in force after the kill that is neither the old one nor new")
                        .doesNotContain(inForce);
                }
                current = switched ? sent.withVersion(inForce) : before;
                whole.assertInForce(admin, current, probes);
                if (inside) {
                    assertThat(switched).as("kill after the announcement of '%s': the new version in force", step)
                        .isEqualTo(kill >= FIRST_STEP_AFTER_THE_SWITCH);
                }
                known.add(current.version);
                outcomes.add(step + " (" + kind + "): " + (inside ? "inside" : "NOT inside") + ", "
                    + (switched ? "new" : "old") + " version in force, restart " + started.toMillis() + " ms");
                System.out.println("CrashDuringSaveInJamesTest: kill " + (kill + 1) + ": " + outcomes.get(kill));

                current = nextSaveSucceeds(setup, whole, admin, current, kill, probes);
                known.add(current.version);
                assertThat(leftovers(conf)).as("staging folders after the next save").isEmpty();
            }
        } finally {
            saves.shutdownNow();
            james.close();
            Files.writeString(Path.of("target", "CrashDuringSaveInJamesTest-james.log"), james.log());
        }
        int landed = landedPerStep.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("CrashDuringSaveInJamesTest: %d of %d kills of James landed inside the publish step of a"
            + " save; per step %s; %s%n", landed, KILLS, landedPerStep, outcomes);
        assertThat(landed).as("kills that landed inside a save (about the test, not the product): %s", outcomes)
            .isGreaterThanOrEqualTo((int) Math.ceil(KILLS * 0.8));
    }

    /** C1 only: James starts faster, which is what this suite's run time is made of. */
    private static JamesServerProcess start(ConnectionsJames setup, boolean withHook) throws Exception {
        List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
        if (withHook) {
            options.add("-D" + PublishSteps.DELAY_PROPERTY + "=" + STEP_DELAY_MS);
        }
        return JamesServerProcess.launcher(setup.home).jvmOptions(options).start();
    }

    private static WebAdminClient.Reply send(WebAdminClient saver, Kind kind, ScreenVersion before,
            ScreenVersion sent, TestPki.ServerFiles upload) throws Exception {
        String ifMatch = "\"" + before.version + "\"";
        String path = WholeVersionAssertions.STATE;
        switch (kind) {
            case LIST:
                return saver.putJson(path + "/connection-control", ifMatch, "{\"policy\":\"accept-all-except\","
                    + "\"entries\":" + WebAdminClient.JSON.writeValueAsString(sent.entries) + "}");
            case TLS_ONLY:
                return saver.putJson(path + "/tls", ifMatch, "{\"incoming\":{\"tlsOnly\":" + sent.tlsOnly + "}}");
            default:
                return saver.postUpload(path + "/tls/certificate", ifMatch, WebAdminClient.parts(
                    "privateKey", Files.readAllBytes(upload.privateKeyFile()),
                    "serverCertificate", Files.readAllBytes(upload.serverCertificateFile()),
                    "caCertificate", Files.readAllBytes(upload.caCertificateFile())));
        }
    }

    /** Whether the killed save got a reply; a save cut off by the kill ends with an I/O error. */
    private static boolean answered(Future<WebAdminClient.Reply> save) throws Exception {
        try {
            WebAdminClient.Reply reply = save.get(30, TimeUnit.SECONDS);
            System.out.println("CrashDuringSaveInJamesTest: the save was answered before the kill: " + reply);
            return true;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
            return false;
        }
    }

    /** A list save on the restarted James: 200, a new version, in force within a second, whole. */
    private static ScreenVersion nextSaveSucceeds(ConnectionsJames setup, WholeVersionAssertions whole,
            WebAdminClient admin, ScreenVersion current, int kill, Set<String> probes) throws Exception {
        String listed = "127.0.41." + (kill + 1);
        probes.add(listed);
        ScreenVersion sent = current.withEntries(List.of(listed), "after-" + kill);
        WebAdminClient.Reply reply = send(setup.admin("after-" + kill), Kind.LIST, current, sent, null);
        assertThat(reply.status).as("the save after the kill: %s", reply.body).isEqualTo(200);
        String version = reply.json().get("version").asText();
        assertThat(version).isNotEqualTo(current.version);
        SmtpAssertionsWithin.refusedWithin(listed, setup.smtpPort, IN_FORCE_WITHIN);
        ScreenVersion saved = sent.withVersion(version);
        whole.assertInForce(admin, saved, probes);
        return saved;
    }

    private static List<Path> leftovers(Path conf) throws Exception {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(conf.resolve("imsa"), ".staging-*")) {
            entries.forEach(found::add);
        }
        return found;
    }
}
