package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.outgoing.LoopbackSmtpReceiver.Session;
import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * tls.outgoing.mtaSts: enforce in a real James 3.8.1 (generated conf, our jar): TXT records from the test's dnsmasq
 * through James's DNSService, policies from an HTTPS server of the test whose certificate comes from a test CA that
 * James's JVM trusts, delivery to loopback receivers on port 25. What was delivered, where and over TLS, is read
 * from the receivers' records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MtaStsInJamesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SENDER = "sender@sender.test";
    private static final String POLICY_ADDRESS = "127.0.62.1";
    private static final String CACHED_POLICY_ADDRESS = "127.0.62.2";
    /** Hosts the policies leave out or whose TLS is not acceptable: nothing may ever be delivered there. */
    private static final List<String> NEVER_DELIVERED = List.of("rogue.pref.sts.test", "mx.wrongcert.sts.test",
            "mx.strip.sts.test", "rogue.cached.sts.test");

    private final Map<String, LoopbackSmtpReceiver> receivers = new LinkedHashMap<>();
    private TestDns dns;
    private Path dnsLog;
    private PolicyHttpsServer policies;
    private PolicyHttpsServer cachedPolicyHost;
    private JamesServerProcess james;
    private int port;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        TestCertificates pki = TestCertificates.createIn(Files.createDirectories(work.resolve("pki")));
        dns = new TestDns();
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n127.0.1.1 "
                + InetAddress.getLocalHost().getHostName() + "\n");
        // MX host, address, preference, TLS (null: no STARTTLS), for each domain.
        receiver("good.sts.test", "mx.good.sts.test", "127.0.63.1", 10, pki.issuedFor("mx.good.sts.test"), hosts);
        receiver("pref.sts.test", "rogue.pref.sts.test", "127.0.63.2", 5, pki.issuedFor("rogue.pref.sts.test"), hosts);
        receiver("pref.sts.test", "mx.pref.sts.test", "127.0.63.3", 10, pki.issuedFor("mx.pref.sts.test"), hosts);
        receiver("wrongcert.sts.test", "mx.wrongcert.sts.test", "127.0.63.4", 10, pki.issuedFor("other.sts.test"), hosts);
        receiver("strip.sts.test", "mx.strip.sts.test", "127.0.63.5", 10, null, hosts);
        receiver("cached.sts.test", "rogue.cached.sts.test", "127.0.63.6", 5, pki.issuedFor("rogue.cached.sts.test"),
                hosts);
        receiver("cached.sts.test", "mx.cached.sts.test", "127.0.63.7", 10, pki.issuedFor("mx.cached.sts.test"), hosts);
        receiver("testing.sts.test", "rogue.testing.sts.test", "127.0.63.8", 5,
                pki.selfSignedFor("rogue.testing.sts.test"), hosts);
        receiver("testing.sts.test", "mx.testing.sts.test", "127.0.63.9", 10, pki.issuedFor("mx.testing.sts.test"), hosts);
        receiver("nopolicy.sts.test", "mx.nopolicy.sts.test", "127.0.63.10", 10,
                pki.selfSignedFor("mx.nopolicy.sts.test"), hosts);
        receiver("sender.test", "mx.sender.test", "127.0.63.11", 10, null, hosts);

        String enforce = "version: STSv1\r\nmode: enforce\r\nmax_age: 86400\r\nmx: ";
        policies = PolicyHttpsServer.start(POLICY_ADDRESS, pki.issuedFor("mta-sts.good.sts.test",
                "mta-sts.pref.sts.test", "mta-sts.wrongcert.sts.test", "mta-sts.strip.sts.test",
                "mta-sts.testing.sts.test"))
                .serve("mta-sts.good.sts.test", enforce + "mx.good.sts.test\r\n")
                .serve("mta-sts.pref.sts.test", enforce + "mx.pref.sts.test\r\n")
                .serve("mta-sts.wrongcert.sts.test", enforce + "*.wrongcert.sts.test\r\n")
                .serve("mta-sts.strip.sts.test", enforce + "mx.strip.sts.test\r\n")
                .serve("mta-sts.testing.sts.test",
                        "version: STSv1\nmode: testing\nmax_age: 86400\nmx: mx.testing.sts.test\n");
        cachedPolicyHost = PolicyHttpsServer.start(CACHED_POLICY_ADDRESS, pki.issuedFor("mta-sts.cached.sts.test"))
                .serve("mta-sts.cached.sts.test", enforce + "mx.cached.sts.test\r\n");
        for (String domain : List.of("good", "pref", "wrongcert", "strip", "testing")) {
            dns.host("mta-sts." + domain + ".sts.test", POLICY_ADDRESS)
                    .txt("_mta-sts." + domain + ".sts.test", "v=STSv1; id=1;");
        }
        dns.host("mta-sts.cached.sts.test", CACHED_POLICY_ADDRESS).txt("_mta-sts.cached.sts.test", "v=STSv1; id=1;");
        dnsLog = work.resolve("dnsmasq.log");
        dns.start(dnsLog);

        port = FreePorts.next();
        Path settings = work.resolve("imsa.yaml");
        Files.writeString(settings, String.join("\n",
                "smtpInterface: {ipAddress: loopback, port: " + port + "}",
                "relay: {permittedSenders: [127.0.0.0/8]}",
                "tls: {outgoing: {enabled: true, mode: opportunistic, mtaSts: enforce}}",
                ""));
        Path home = Files.createDirectories(work.resolve("james"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        ImsaJamesCommand.succeed(Map.of(), "generate", "--settings", settings.toString(), "--out", conf.toString(),
                "--templates", shortRetryTemplates(work).toString());
        Files.writeString(conf.resolve("dnsservice.xml"), TestDns.DNSSERVICE_XML);
        Files.writeString(home.resolve("hosts"), hosts.toString());
        james = JamesServerProcess.start(home, List.of(
                "-Djavax.net.ssl.trustStore=" + pki.trustStore(),
                "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12"));
    }

    private void receiver(String domain, String mxHost, String address, int preference, SSLContext tls,
                          StringBuilder hosts) throws IOException {
        dns.mx(domain, mxHost, preference, address);
        hosts.append(address).append(' ').append(mxHost).append('\n');
        receivers.put(mxHost, LoopbackSmtpReceiver.start(mxHost, address, tls));
    }

    private static Path shortRetryTemplates(Path work) throws IOException {
        Path templates = Files.createDirectories(work.resolve("templates"));
        Path project = Paths.get(System.getProperty("imsa.project.dir"), "conf-templates");
        Files.copy(project.resolve("smtpserver.xml"), templates.resolve("smtpserver.xml"));
        String mailets = Files.readString(project.resolve("mailetcontainer.xml"), UTF_8);
        String shortened = mailets.replace("<delayTime>5000, 100000, 500000</delayTime>", "<delayTime>1000</delayTime>")
                .replace("<maxRetries>3</maxRetries>", "<maxRetries>2</maxRetries>");
        assertThat(shortened).isNotEqualTo(mailets);
        Files.writeString(templates.resolve("mailetcontainer.xml"), shortened, UTF_8);
        return templates;
    }

    @AfterAll
    void stop() throws Exception {
        if (james != null) {
            james.close();
        }
        for (LoopbackSmtpReceiver receiver : receivers.values()) {
            receiver.close();
        }
        if (policies != null) {
            policies.close();
        }
        if (cachedPolicyHost != null) {
            cachedPolicyHost.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void enforcedWithAMatchingMxAndAValidCertificateIsDeliveredOverTls() throws Exception {
        String token = send("a@good.sts.test");

        Session delivery = awaitDelivery("mx.good.sts.test", token);

        assertThat(delivery.tlsProtocol).isIn("TLSv1.3", "TLSv1.2");
        assertThat(policies.requests()).contains("mta-sts.good.sts.test /.well-known/mta-sts.txt");
        assertThat(james.log()).contains("MTA-STS good.sts.test policy id 1 mode enforce");
    }

    @Test
    void aPreferredMxThePolicyDoesNotListIsNeverContacted() throws Exception {
        String token = send("a@pref.sts.test");

        Session delivery = awaitDelivery("mx.pref.sts.test", token);

        assertThat(delivery.overTls()).isTrue();
        assertThat(receivers.get("rogue.pref.sts.test").sessions()).isEmpty();
    }

    @Test
    void aCertificateForAnotherNameIsNotDeliveredButRetriedThenBounced() throws Exception {
        String token = send("a@wrongcert.sts.test");

        awaitBounceFor(token);

        assertThat(receivers.get("mx.wrongcert.sts.test").sessions()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(session -> assertThat(session.mailFrom).isNull());
    }

    @Test
    void anMxWithoutStartTlsGetsNothing() throws Exception {
        String token = send("a@strip.sts.test");

        awaitBounceFor(token);

        assertThat(receivers.get("mx.strip.sts.test").sessions()).isNotEmpty()
                .allSatisfy(session -> assertThat(session.mailFrom).isNull());
    }

    @Test
    void withThePolicyHostDownTheCachedPolicyIsStillEnforced() throws Exception {
        awaitDelivery("mx.cached.sts.test", send("a@cached.sts.test"));
        cachedPolicyHost.close();
        dns.txt("_mta-sts.cached.sts.test", "v=STSv1; id=2;").restart(dnsLog);
        long logStart = james.log().length();

        Session delivery = awaitDelivery("mx.cached.sts.test", send("b@cached.sts.test"));

        assertThat(delivery.overTls()).isTrue();
        assertThat(receivers.get("rogue.cached.sts.test").sessions()).isEmpty();
        assertThat(james.logFrom(logStart)).contains("MTA-STS cached.sts.test: policy id 2 could not be fetched")
                .contains("the cached policy id 1 stays in force");
    }

    @Test
    void aPolicyInTestingModeDeliversAsUsualAndLogsTheFailure() throws Exception {
        String token = send("a@testing.sts.test");

        awaitDelivery("rogue.testing.sts.test", token);

        assertThat(james.log()).contains("MTA-STS testing.sts.test policy id 1 mode testing: MX")
                .contains("delivering anyway (testing)");
    }

    @Test
    void withoutAPolicyTheConfiguredLevelApplies() throws Exception {
        String token = send("a@nopolicy.sts.test");

        Session delivery = awaitDelivery("mx.nopolicy.sts.test", token);

        assertThat(delivery.overTls()).as("opportunistic to a self-signed MX").isTrue();
    }

    private String send(String... recipients) throws IOException {
        return TokenMail.send(port, SENDER, recipients);
    }

    private Session awaitDelivery(String mxHost, String token) throws Exception {
        LoopbackSmtpReceiver receiver = receivers.get(mxHost);
        return await(mxHost + " receives " + token, () -> receiver.deliveries().stream()
                .filter(session -> session.data.contains("Subject: " + token)).findFirst().orElse(null));
    }

    private Session awaitBounceFor(String token) throws Exception {
        LoopbackSmtpReceiver receiver = receivers.get("mx.sender.test");
        return await("bounce for " + token, () -> receiver.deliveries().stream()
                .filter(session -> session.recipients.contains("<" + SENDER + ">") && session.data.contains(token))
                .findFirst().orElse(null));
    }

    private <T> T await(String what, Supplier<T> probe) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (String never : NEVER_DELIVERED) {
                if (!receivers.get(never).deliveries().isEmpty()) {
                    throw failure("a delivery to " + never + " while waiting for " + what);
                }
            }
            T found = probe.get();
            if (found != null) {
                return found;
            }
            Thread.sleep(200);
        }
        throw failure("no " + what + " within " + TIMEOUT);
    }

    private AssertionError failure(String what) throws IOException {
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, LoopbackSmtpReceiver> entry : receivers.entrySet()) {
            seen.add(entry.getKey() + ": " + entry.getValue().sessions().stream().map(Session::toString)
                    .collect(Collectors.joining("; ")));
        }
        String log = james.log();
        return new AssertionError(what + "\n" + String.join("\n", seen)
                + "\npolicy requests: " + policies.requests()
                + "\n--- James log (end) ---\n" + log.substring(Math.max(0, log.length() - 8000)));
    }
}
