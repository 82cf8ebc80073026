package org.imsajames.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;


import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.outgoing.PostfixReceivers.Session;
import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * tls.outgoing.policies in a real James 3.8.1 (the generated mailetcontainer.xml, our jar) delivering to Debian's
 * Postfix on port 25 of one loopback address per MX host, found through MX records of the test's own DNS server
 * (dnsmasq), which the conf's dnsservice.xml points James to. What was delivered, and whether over TLS, is read
 * from Postfix's own log of each session and its mailboxes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutgoingTlsPoliciesInJamesTest {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final String SENDER = "sender@sender.test";
    /** Destinations no test may ever deliver to: checked while waiting, so a leak fails at once. */
    private static final List<String> NEVER_DELIVERED = List.of("selfsigned.test", "wrongname.test", "required.test");

    /** Receiver (Postfix smtpd) of each destination domain, by domain. */
    private final Map<String, PostfixReceivers.Receiver> receivers = new LinkedHashMap<>();
    private PostfixReceivers postfix;
    private TestDns dns;
    private JamesServerProcess james;
    private int port;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        TestCertificates certificates = TestCertificates.createIn(Files.createDirectories(work.resolve("pki")));
        // Domain -> MX host -> address; the receiver there and its certificate (null: no STARTTLS offered).
        Map<String, String[]> destinations = new LinkedHashMap<>();
        destinations.put("selfsigned.test", new String[] {"mx.selfsigned.test", "127.0.61.1"});
        destinations.put("wrongname.test", new String[] {"mx.wrongname.test", "127.0.61.2"});
        destinations.put("verified.test", new String[] {"mx.verified.test", "127.0.61.3"});
        destinations.put("required.test", new String[] {"mx.required.test", "127.0.61.4"});
        destinations.put("none.test", new String[] {"mx.none.test", "127.0.61.5"});
        destinations.put("opp.test", new String[] {"mx.opp.test", "127.0.61.6"});
        destinations.put("sender.test", new String[] {"mx.sender.test", "127.0.61.7"});
        destinations.put("a.sub.test", new String[] {"mx.a.sub.test", "127.0.61.8"});
        Map<String, Path> tls = new LinkedHashMap<>();
        tls.put("selfsigned.test", certificates.selfSignedPemFor("mx.selfsigned.test"));
        tls.put("wrongname.test", certificates.issuedPemFor("other-name.test"));
        tls.put("verified.test", certificates.issuedPemFor("mx.verified.test"));
        tls.put("none.test", certificates.selfSignedPemFor("mx.none.test"));
        tls.put("opp.test", certificates.selfSignedPemFor("mx.opp.test"));
        tls.put("a.sub.test", certificates.selfSignedPemFor("mx.a.sub.test"));
        postfix = PostfixReceivers.create();

        dns = new TestDns();
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n127.0.1.1 "
                + InetAddress.getLocalHost().getHostName() + "\n");
        for (Map.Entry<String, String[]> destination : destinations.entrySet()) {
            String[] mx = destination.getValue();
            dns.mx(destination.getKey(), mx[0], mx[1]);
            hosts.append(mx[1]).append(' ').append(mx[0]).append('\n');
            postfix.receiver(mx[0], destination.getKey(), mx[1], tls.get(destination.getKey()));
            receivers.put(destination.getKey(), postfix.get(mx[0]));
        }
        postfix.start();
        dns.start(work.resolve("dnsmasq.log"));

        port = FreePorts.next();
        Path settings = work.resolve("imsa.yaml");
        Files.writeString(settings, String.join("\n",
                "smtpInterface: {ipAddress: loopback, port: " + port + "}",
                "relay: {permittedSenders: [127.0.0.0/8]}",
                "tls:",
                "  outgoing:",
                "    enabled: true",
                "    mode: opportunistic",
                "    policies:",
                "      - {destination: selfsigned.test, level: verify}",
                "      - {destination: wrongname.test, level: verify}",
                "      - {destination: verified.test, level: verify}",
                "      - {destination: required.test, level: required}",
                "      - {destination: none.test, level: none}",
                "      - {destination: .sub.test, level: required}",
                ""));
        Path home = Files.createDirectories(work.resolve("james"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        ImsaJamesCommand.succeed(Map.of(), "generate", "--settings", settings.toString(), "--out", conf.toString(),
                "--templates", ShortRetryTemplates.writeInto(work).toString());
        Files.writeString(conf.resolve("dnsservice.xml"), TestDns.DNSSERVICE_XML);
        // At level verify RemoteDelivery connects by MX name, resolved by Java's resolver (see README).
        Files.writeString(home.resolve("hosts"), hosts.toString());
        james = JamesServerProcess.start(home, List.of(
                "-Djavax.net.ssl.trustStore=" + certificates.trustStore(),
                "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12"));
    }

    /** The bundled templates with retries a second apart, three attempts in all. */
    @AfterAll
    void stop() throws Exception {
        if (james != null) {
            james.close();
        }
        if (postfix != null) {
            postfix.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void verifyDomainWhoseMxIsSelfSignedGetsNothingAndTheSenderABounceAfterTheRetries() throws Exception {
        String token = send("a@selfsigned.test");

        Session bounce = awaitBounceFor(token);

        assertThat(bounce.delivered).singleElement().asString().contains("a@selfsigned.test");
        PostfixReceivers.Receiver mx = receivers.get("selfsigned.test");
        assertThat(mx.deliveries()).isEmpty();
        assertThat(mx.sessions()).as("first attempt and retries, each stopped at the TLS handshake")
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(session -> {
                    assertThat(session.startTlsCommand()).isTrue();
                    assertThat(session.tlsFailure).as("Postfix's log of the failed handshake").isNotNull();
                    assertThat(session.overTls()).isFalse();
                    assertThat(session.accepted()).isFalse();
                });
    }

    @Test
    void verifyDomainWhoseCertificateNamesAnotherHostGetsNothing() throws Exception {
        String token = send("a@wrongname.test");

        awaitBounceFor(token);

        PostfixReceivers.Receiver mx = receivers.get("wrongname.test");
        assertThat(mx.deliveries()).isEmpty();
        assertThat(mx.sessions()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(session -> {
            assertThat(session.startTlsCommand()).isTrue();
            assertThat(session.accepted()).as("the name check ends the session before MAIL FROM").isFalse();
        });
    }

    @Test
    void verifyDomainWithAValidCertificateForItsMxIsDeliveredOverTls() throws Exception {
        String token = send("a@verified.test");

        Session delivery = awaitDelivery("verified.test", token);

        assertThat(delivery.overTls()).isTrue();
        assertThat(delivery.tlsProtocol).isIn("TLSv1.3", "TLSv1.2");
        assertThat(delivery.recipients).containsExactly("<a@verified.test>");
    }

    @Test
    void requiredDomainWhoseMxOffersNoStartTlsGetsNothingAndTheSenderABounce() throws Exception {
        String token = send("a@required.test");

        Session bounce = awaitBounceFor(token);

        assertThat(bounce.delivered).singleElement().asString().contains("a@required.test");
        PostfixReceivers.Receiver mx = receivers.get("required.test");
        assertThat(mx.deliveries()).isEmpty();
        assertThat(mx.sessions()).as("James connected, saw no STARTTLS in EHLO and sent nothing")
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(session -> {
                    assertThat(session.commands("ehlo")).isPositive();
                    assertThat(session.startTlsCommand()).isFalse();
                    assertThat(session.accepted()).isFalse();
                });
    }

    @Test
    void noneDomainIsDeliveredInClearThoughItsMxOffersStartTls() throws Exception {
        String token = send("a@none.test");

        Session delivery = awaitDelivery("none.test", token);

        assertThat(delivery.startTlsCommand()).isFalse();
        assertThat(delivery.overTls()).isFalse();
    }

    @Test
    void oneMailToSeveralDestinationsLeavesAtEachRecipientsOwnLevel() throws Exception {
        String token = send("b@verified.test", "b@none.test", "b@opp.test", "b@a.sub.test", "b@required.test");

        Session verified = awaitDelivery("verified.test", token);
        Session none = awaitDelivery("none.test", token);
        Session opportunistic = awaitDelivery("opp.test", token);
        Session subdomain = awaitDelivery("a.sub.test", token);
        Session bounce = awaitBounceFor(token);

        assertThat(verified.overTls()).as("verify").isTrue();
        assertThat(verified.recipients).containsExactly("<b@verified.test>");
        assertThat(none.overTls()).as("none").isFalse();
        assertThat(none.recipients).containsExactly("<b@none.test>");
        assertThat(opportunistic.overTls()).as("opportunistic, the mode, to a self-signed MX").isTrue();
        assertThat(subdomain.overTls()).as("required through .sub.test").isTrue();
        assertThat(receivers.get("required.test").deliveries()).isEmpty();
        assertThat(bounce.delivered).singleElement().asString().contains("b@required.test")
                .doesNotContain("b@verified.test").doesNotContain("b@none.test");
    }

    private String send(String... recipients) throws IOException {
        return TokenMail.send(port, SENDER, recipients);
    }

    private Session awaitDelivery(String domain, String token) throws Exception {
        PostfixReceivers.Receiver receiver = receivers.get(domain);
        return await(domain + " receives " + token, () -> receiver.deliveries().stream()
                .filter(session -> session.delivered("Subject: " + token)).findFirst().orElse(null));
    }

    /** The DSN James sends back to the sender's domain for the message with TOKEN. */
    private Session awaitBounceFor(String token) throws Exception {
        PostfixReceivers.Receiver receiver = receivers.get("sender.test");
        return await("bounce for " + token, () -> receiver.deliveries().stream()
                .filter(session -> session.recipients.contains("<" + SENDER + ">") && session.delivered(token))
                .findFirst().orElse(null));
    }

    private <T> T await(String what, Callable<T> probe) throws Exception {
        return DeliveryWait.until(what, DELIVERY_TIMEOUT, () -> {
            for (String never : NEVER_DELIVERED) {
                assertThat(receivers.get(never).deliveries()).as("deliveries to " + never).isEmpty();
            }
        }, probe, this::diagnostics);
    }

    private String diagnostics() throws IOException {
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, PostfixReceivers.Receiver> entry : receivers.entrySet()) {
            seen.add(entry.getKey() + ": " + entry.getValue().sessions().stream().map(Session::toString)
                    .collect(Collectors.joining("; ")));
        }
        String postfixLog = postfix.logText();
        seen.add("--- Postfix log (end) ---\n" + postfixLog.substring(Math.max(0, postfixLog.length() - 6000)));
        String log = james.log();
        return String.join("\n", seen) + "\n--- James log (end) ---\n" + log.substring(Math.max(0, log.length() - 6000));
    }
}
