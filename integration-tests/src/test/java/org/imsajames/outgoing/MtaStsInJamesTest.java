package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.outgoing.PostfixReceivers.Session;
import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * tls.outgoing.mtaSts: enforce in a real James 3.8.1 (generated conf, our jar): TXT records from the test's dnsmasq
 * through James's DNSService, policies from an HTTPS server of the test whose certificate comes from a test CA that
 * James's JVM trusts, delivery to Debian's Postfix listening on port 25 of one loopback address per MX host. What
 * was delivered, where and over TLS, is read from Postfix's own log and mailboxes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MtaStsInJamesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SENDER = "sender@sender.test";
    private static final String POLICY_ADDRESS = "127.0.62.1";
    private static final String CACHED_POLICY_ADDRESS = "127.0.62.2";
    /** Hosts the policies leave out or whose TLS is not acceptable: nothing may ever be delivered there. */
    private static final List<String> NEVER_DELIVERED = List.of("rogue.pref.sts.test", "mx.wrongcert.sts.test",
            "mx.strip.sts.test", "rogue.cached.sts.test", "rogue.refused.sts.test");

    private PostfixReceivers postfix;
    private TestDns dns;
    private Path dnsLog;
    private PolicyHttpsServer policies;
    private PolicyHttpsServer cachedPolicyHost;
    private JamesServerProcess james;
    private List<String> jvmOptions;
    private Path home;
    private int port;
    private int jmxPort;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        TestCertificates pki = TestCertificates.createIn(Files.createDirectories(work.resolve("pki")));
        dns = new TestDns();
        postfix = PostfixReceivers.create();
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n127.0.1.1 "
                + InetAddress.getLocalHost().getHostName() + "\n");
        // MX host, address, preference, TLS (null: no STARTTLS), for each domain.
        receiver("good.sts.test", "mx.good.sts.test", "127.0.63.1", 10, pki.issuedPemFor("mx.good.sts.test"), hosts);
        receiver("pref.sts.test", "rogue.pref.sts.test", "127.0.63.2", 5, pki.issuedPemFor("rogue.pref.sts.test"), hosts);
        receiver("pref.sts.test", "mx.pref.sts.test", "127.0.63.3", 10, pki.issuedPemFor("mx.pref.sts.test"), hosts);
        Path otherName = pki.issuedPemFor("other.sts.test");
        receiver("wrongcert.sts.test", "mx.wrongcert.sts.test", "127.0.63.4", 10, otherName, hosts);
        receiver("strip.sts.test", "mx.strip.sts.test", "127.0.63.5", 10, null, hosts);
        receiver("cached.sts.test", "rogue.cached.sts.test", "127.0.63.6", 5, pki.issuedPemFor("rogue.cached.sts.test"),
                hosts);
        receiver("cached.sts.test", "mx.cached.sts.test", "127.0.63.7", 10, pki.issuedPemFor("mx.cached.sts.test"), hosts);
        receiver("testing.sts.test", "rogue.testing.sts.test", "127.0.63.8", 5,
                pki.selfSignedPemFor("rogue.testing.sts.test"), hosts);
        receiver("testing.sts.test", "mx.testing.sts.test", "127.0.63.9", 10, pki.issuedPemFor("mx.testing.sts.test"), hosts);
        receiver("nopolicy.sts.test", "mx.nopolicy.sts.test", "127.0.63.10", 10,
                pki.selfSignedPemFor("mx.nopolicy.sts.test"), hosts);
        receiver("sender.test", "mx.sender.test", "127.0.63.11", 10, null, hosts);
        receiver("testingclear.sts.test", "mx.testingclear.sts.test", "127.0.63.12", 10, null, hosts);
        receiver("testingname.sts.test", "mx.testingname.sts.test", "127.0.63.13", 10, otherName, hosts);
        // Never contacted (outside the policy), or reached only because the policy was not taken: no TLS needed.
        receiver("refused.sts.test", "rogue.refused.sts.test", "127.0.63.14", 10, null, hosts);
        receiver("redirect.sts.test", "rogue.redirect.sts.test", "127.0.63.15", 5, null, hosts);
        receiver("redirect.sts.test", "mx.redirect.sts.test", "127.0.63.16", 10, null, hosts);
        receiver("big.sts.test", "rogue.big.sts.test", "127.0.63.17", 5, null, hosts);
        receiver("big.sts.test", "mx.big.sts.test", "127.0.63.18", 10, null, hosts);
        postfix.start();

        String enforce = "version: STSv1\r\nmode: enforce\r\nmax_age: 86400\r\nmx: ";
        String testing = "version: STSv1\nmode: testing\nmax_age: 86400\nmx: ";
        // A policy over 64 KiB: a valid one padded with extension lines, which would exclude the rogue MX if taken.
        StringBuilder big = new StringBuilder(enforce + "mx.big.sts.test\r\n");
        while (big.length() <= 70 * 1024) {
            big.append("x-padding: ").append("p".repeat(100)).append("\r\n");
        }
        byte[] bigBody = big.toString().getBytes(UTF_8);
        policies = PolicyHttpsServer.start(POLICY_ADDRESS, pki.issuedFor("mta-sts.good.sts.test",
                "mta-sts.pref.sts.test", "mta-sts.wrongcert.sts.test", "mta-sts.strip.sts.test",
                "mta-sts.testing.sts.test", "mta-sts.testingclear.sts.test", "mta-sts.testingname.sts.test",
                "mta-sts.refused.sts.test", "mta-sts.redirect.sts.test", "mta-sts.big.sts.test"))
                .serve("mta-sts.good.sts.test", enforce + "mx.good.sts.test\r\n")
                .serve("mta-sts.pref.sts.test", enforce + "mx.pref.sts.test\r\n")
                .serve("mta-sts.wrongcert.sts.test", enforce + "*.wrongcert.sts.test\r\n")
                .serve("mta-sts.strip.sts.test", enforce + "mx.strip.sts.test\r\n")
                .serve("mta-sts.testing.sts.test", testing + "mx.testing.sts.test\n")
                .serve("mta-sts.testingclear.sts.test", testing + "mx.testingclear.sts.test\n")
                .serve("mta-sts.testingname.sts.test", testing + "mx.testingname.sts.test\n")
                .serve("mta-sts.refused.sts.test", enforce + "mx.refused.sts.test\r\n")
                .serveResponse("mta-sts.redirect.sts.test", ("HTTP/1.1 301 Moved Permanently\r\nLocation: "
                        + "https://mta-sts.good.sts.test/.well-known/mta-sts.txt\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(UTF_8))
                .serveResponse("mta-sts.big.sts.test", concat(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: " + bigBody.length + "\r\n\r\n").getBytes(UTF_8), bigBody));
        cachedPolicyHost = PolicyHttpsServer.start(CACHED_POLICY_ADDRESS, pki.issuedFor("mta-sts.cached.sts.test"))
                .serve("mta-sts.cached.sts.test", enforce + "mx.cached.sts.test\r\n");
        for (String domain : List.of("good", "pref", "wrongcert", "strip", "testing", "testingclear", "testingname",
                "refused", "redirect", "big")) {
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
        home = Files.createDirectories(work.resolve("james"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        ImsaJamesCommand.succeed(Map.of(), "generate", "--settings", settings.toString(), "--out", conf.toString(),
                "--templates", ShortRetryTemplates.writeInto(work).toString());
        Files.writeString(conf.resolve("dnsservice.xml"), TestDns.DNSSERVICE_XML);
        Files.writeString(home.resolve("hosts"), hosts.toString());
        jmxPort = FreePorts.next();
        Files.writeString(conf.resolve("jmx.properties"),
                "jmx.enabled=true\njmx.address=127.0.0.1\njmx.port=" + jmxPort + "\n");
        jvmOptions = List.of(
                "-Djavax.net.ssl.trustStore=" + pki.trustStore(),
                "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
        james = JamesServerProcess.start(home, jvmOptions);
    }

    private static byte[] concat(byte[] head, byte[] body) {
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** An MX host of DOMAIN: a Postfix smtpd on ADDRESS:25, STARTTLS with the TLS chain (null: not offered). */
    private void receiver(String domain, String mxHost, String address, int preference, Path tls,
                          StringBuilder hosts) {
        dns.mx(domain, mxHost, preference, address);
        hosts.append(address).append(' ').append(mxHost).append('\n');
        postfix.receiver(mxHost, domain, address, tls);
    }

    @AfterAll
    void stop() throws Exception {
        if (james != null) {
            james.close();
        }
        if (postfix != null) {
            postfix.close();
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
        // The decision line gives the version James negotiated: the one the receiver recorded for this session.
        awaitLog("MTA-STS good.sts.test policy id 1 mode enforce (enforced): MX mx.good.sts.test, TLS "
                + delivery.tlsProtocol + ", outcome delivered");
    }

    @Test
    void aPreferredMxThePolicyDoesNotListIsNeverContacted() throws Exception {
        String token = send("a@pref.sts.test");

        Session delivery = awaitDelivery("mx.pref.sts.test", token);

        assertThat(delivery.overTls()).isTrue();
        assertThat(postfix.get("rogue.pref.sts.test").sessions()).isEmpty();
    }

    @Test
    void aCertificateForAnotherNameIsNotDeliveredButRetriedThenBounced() throws Exception {
        String token = send("a@wrongcert.sts.test");

        awaitBounceFor(token);

        assertThat(postfix.get("mx.wrongcert.sts.test").sessions()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(session -> assertThat(session.accepted()).isFalse());
        String prefix = "MTA-STS wrongcert.sts.test policy id 1 mode enforce (enforced): MX mx.wrongcert.sts.test, TLS ";
        awaitLog(prefix);
        assertThat(james.log()).containsPattern(java.util.regex.Pattern.quote(prefix) + "\\S+, outcome deferred \\(retried later\\)")
                .containsPattern(java.util.regex.Pattern.quote(prefix) + "\\S+, outcome bounced: ");
    }

    @Test
    void aDomainWhoseMxHostsAreAllOutsideThePolicyIsDeferredWithoutAContactThenBounced() throws Exception {
        String token = send("a@refused.sts.test");

        awaitBounceFor(token);

        assertThat(postfix.get("rogue.refused.sts.test").sessions()).isEmpty();
        awaitLog("MTA-STS refused.sts.test policy id 1 mode enforce (enforced): MX none contacted, TLS none,"
                + " outcome deferred (retried later): no MX host matches the policy (MX [rogue.refused.sts.test])");
    }

    @Test
    void anMxWithoutStartTlsGetsNothing() throws Exception {
        String token = send("a@strip.sts.test");

        awaitBounceFor(token);

        assertThat(postfix.get("mx.strip.sts.test").sessions()).isNotEmpty()
                .allSatisfy(session -> assertThat(session.accepted()).isFalse());
        awaitLog("MTA-STS strip.sts.test policy id 1 mode enforce (enforced): MX mx.strip.sts.test, TLS none,"
                + " outcome deferred (retried later)");
    }

    @Test
    @Order(Integer.MAX_VALUE) // restarts James: last
    void theCachedPolicyIsListedSavedAndStillEnforcedAfterARestartWithThePolicyHostDown() throws Exception {
        awaitDelivery("mx.cached.sts.test", send("a@cached.sts.test"));
        String listing = ImsaJamesCommand.succeed(Map.of(), "mta-sts-cache", "--james-home", home.toString());
        assertThat(listing).containsPattern("(?m)^cached\\.sts\\.test id 1 mode enforce mx \\[mx\\.cached\\.sts\\.test\\]"
                + " expires 20\\d\\d-\\d\\d-\\d\\dT\\S+Z$");

        cachedPolicyHost.close();
        dns.txt("_mta-sts.cached.sts.test", "v=STSv1; id=2;").restart(dnsLog);
        james.close();
        james = JamesServerProcess.start(home, jvmOptions);

        Session delivery = awaitDelivery("mx.cached.sts.test", send("b@cached.sts.test"));

        assertThat(delivery.overTls()).isTrue();
        assertThat(postfix.get("rogue.cached.sts.test").sessions()).isEmpty();
        assertThat(james.log()).containsPattern("MTA-STS: \\d+ cached policies loaded")
                .contains("MTA-STS cached.sts.test: policy id 2 could not be fetched")
                .contains("the cached policy id 1 stays in force");

        // A cache file James cannot read: James does not start (it would drop the policies it held).
        james.close();
        Files.writeString(home.resolve("var/imsa/mta-sts-policies.json"), "{\"format\": \"imsa-james mta-sts cache 1\",");
        String failedStart = JamesServerProcess.startExpectingFailure(home);
        assertThat(failedStart).contains("mta-sts-policies.json cannot be read").contains("Move the file aside");
        james = null;
    }

    @Test
    void aRedirectingOrOversizedPolicyIsNotUsedAndTheFailureIsLogged() throws Exception {
        awaitDelivery("rogue.redirect.sts.test", send("a@redirect.sts.test"));
        awaitDelivery("rogue.big.sts.test", send("a@big.sts.test"));

        assertThat(policies.requests()).contains("mta-sts.redirect.sts.test /.well-known/mta-sts.txt")
                .contains("mta-sts.big.sts.test /.well-known/mta-sts.txt");
        assertThat(james.log()).contains("MTA-STS redirect.sts.test: policy id 1 could not be fetched"
                        + " (mta-sts.redirect.sts.test answered 'HTTP/1.1 301 Moved Permanently', not 200)")
                .contains("MTA-STS big.sts.test: policy id 1 could not be fetched (mta-sts.big.sts.test: policy over"
                        + " 65536 bytes)");
    }

    @Test
    void aPolicyInTestingModeDeliversAsUsualAndLogsTheFailure() throws Exception {
        long failuresBefore = counter("imsa.mtaSts.testingFailures");
        String token = send("a@testing.sts.test");

        Session delivery = awaitDelivery("rogue.testing.sts.test", token);

        awaitLog("MTA-STS testing.sts.test policy id 1 mode testing (not enforced: reported only):"
                + " MX rogue.testing.sts.test, TLS " + delivery.tlsProtocol + ", outcome delivered; enforce would have"
                + " refused: [MX rogue.testing.sts.test is not in the policy, MX rogue.testing.sts.test: certificate"
                + " not trusted (");
        assertThat(james.log()).contains("; delivered anyway (testing)");
        assertThat(counter("imsa.mtaSts.testingFailures")).isEqualTo(failuresBefore + 1);
    }

    @Test
    void testingModeReportsAnMxWithoutStartTlsAndACertificateForAnotherNameAndStillDelivers() throws Exception {
        long failuresBefore = counter("imsa.mtaSts.testingFailures");

        Session clear = awaitDelivery("mx.testingclear.sts.test", send("a@testingclear.sts.test"));
        Session otherName = awaitDelivery("mx.testingname.sts.test", send("a@testingname.sts.test"));

        assertThat(clear.overTls()).isFalse();
        assertThat(otherName.overTls()).isTrue();
        awaitLog("MTA-STS testingclear.sts.test policy id 1 mode testing (not enforced: reported only):"
                + " MX mx.testingclear.sts.test, TLS none, outcome delivered; enforce would have refused:"
                + " [MX mx.testingclear.sts.test: no STARTTLS]; delivered anyway (testing)");
        awaitLog("MTA-STS testingname.sts.test policy id 1 mode testing (not enforced: reported only):"
                + " MX mx.testingname.sts.test, TLS " + otherName.tlsProtocol + ", outcome delivered; enforce would have"
                + " refused: [MX mx.testingname.sts.test: certificate for [other.sts.test], not for"
                + " mx.testingname.sts.test]; delivered anyway (testing)");
        assertThat(counter("imsa.mtaSts.testingFailures")).isEqualTo(failuresBefore + 2);
    }

    @Test
    void withoutAPolicyTheConfiguredLevelApplies() throws Exception {
        String token = send("a@nopolicy.sts.test");

        Session delivery = awaitDelivery("mx.nopolicy.sts.test", token);

        assertThat(delivery.overTls()).as("opportunistic to a self-signed MX").isTrue();
    }

    /** A counter of ours in James's metrics, read over JMX as an operator would (DropWizard's reporter, "metrics"). */
    private long counter(String name) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        // James generates conf/jmxremote.password ("james-admin PASSWORD") on its first start.
        String[] credentials = Files.readString(home.resolve("conf/jmxremote.password")).trim().split("\\s+", 2);
        try (JMXConnector connector = JMXConnectorFactory.connect(url,
                Map.of(JMXConnector.CREDENTIALS, credentials))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            java.util.Set<ObjectName> names = server.queryNames(new ObjectName("metrics:name=" + name + ",*"), null);
            if (names.isEmpty()) {
                return 0;
            }
            return ((Number) server.getAttribute(names.iterator().next(), "Count")).longValue();
        }
    }

    /** The decision line is written once James has decided, just after the receiver's session ends. */
    private void awaitLog(String expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!james.log().contains(expected)) {
            if (Instant.now().isAfter(deadline)) {
                throw failure("no log line containing: " + expected);
            }
            Thread.sleep(100);
        }
    }

    private String send(String... recipients) throws IOException {
        return TokenMail.send(port, SENDER, recipients);
    }

    private Session awaitDelivery(String mxHost, String token) throws Exception {
        PostfixReceivers.Receiver receiver = postfix.get(mxHost);
        return await(mxHost + " receives " + token, () -> receiver.deliveries().stream()
                .filter(session -> session.delivered("Subject: " + token)).findFirst().orElse(null));
    }

    private Session awaitBounceFor(String token) throws Exception {
        PostfixReceivers.Receiver receiver = postfix.get("mx.sender.test");
        return await("bounce for " + token, () -> receiver.deliveries().stream()
                .filter(session -> session.delivered(token)).findFirst().orElse(null));
    }

    private <T> T await(String what, Callable<T> probe) throws Exception {
        return DeliveryWait.until(what, TIMEOUT, () -> {
            for (String never : NEVER_DELIVERED) {
                if (!postfix.get(never).deliveries().isEmpty()) {
                    throw failure("a delivery to " + never + " while waiting for " + what);
                }
            }
        }, probe, this::diagnostics);
    }

    private AssertionError failure(String what) throws IOException {
        return new AssertionError(what + "\n" + diagnostics());
    }

    private String diagnostics() throws IOException {
        String postfixLog = postfix.logText();
        String log = james.log();
        return "--- Postfix log (end) ---\n" + postfixLog.substring(Math.max(0, postfixLog.length() - 6000))
                + "\npolicy requests: " + policies.requests()
                + "\n--- James log (end) ---\n" + log.substring(Math.max(0, log.length() - 8000));
    }
}
