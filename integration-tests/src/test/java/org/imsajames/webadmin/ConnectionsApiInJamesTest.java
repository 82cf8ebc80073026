package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.imsajames.james.SmtpAssertions;
import org.imsajames.testkit.WebAdminTokens;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.TestPki;
import org.imsajames.testkit.TrustAllCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Contract 3 against a real James 3.8.1 (child JVM) on a generated conf folder, WebAdmin with JWT on (tokens signed
 * by the test's own key pair): every endpoint and error code; after each save a real SMTP client from a 127.x source
 * sees the new decision within 1 s; after an upload a real STARTTLS handshake sees the new certificate, without a
 * restart; after a restart everything saved is still in force. The tests run in order: each builds on the state the
 * one before saved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectionsApiInJamesTest {
    private static final String STATE = "/imsa/connections";
    private static final Duration IN_FORCE_WITHIN = Duration.ofSeconds(1);

    ConnectionsJames setup;
    JamesServerProcess james;
    WebAdminClient alice;
    Path work;
    TestPki.ServerFiles uploaded;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        this.work = work;
        setup = ConnectionsJames.generate(work);
        james = setup.start();
        alice = setup.admin("alice");
    }

    @AfterAll
    void stop() throws Exception {
        if (james != null) {
            james.close();
            // Kept for a look after a failure: the temporary folder goes with the test.
            Files.writeString(Path.of("target", "ConnectionsApiInJamesTest-james.log"), james.log());
        }
    }

    @Test
    @Order(1)
    void everyEndpointNeedsAnAdminTokenSignedByTheConfiguredKey() throws Exception {
        WebAdminClient anonymous = alice.as(null);
        WebAdminClient notAdmin = alice.as(setup.tokens.notAdmin("mallory"));
        WebAdminClient foreign = alice.as(WebAdminTokens.foreign("mallory"));
        List<String> paths = List.of(STATE, STATE + "/lookup?ip=127.0.0.1", STATE + "/history", STATE + "/stats");
        for (WebAdminClient client : List.of(anonymous, notAdmin, foreign)) {
            for (String path : paths) {
                assertThat(client.get(path).status).as(path).isEqualTo(401);
            }
            String etag = alice.get(STATE).etag;
            assertThat(client.putJson(STATE + "/connection-control", etag, "{\"entries\":[]}").status).isEqualTo(401);
            assertThat(client.postText(STATE + "/connection-control/import", etag, "10.0.0.1\n").status)
                .isEqualTo(401);
            assertThat(client.putJson(STATE + "/tls", etag, "{}").status).isEqualTo(401);
            assertThat(client.postUpload(STATE + "/tls/certificate", etag, WebAdminClient.parts("privateKey", "x"))
                .status).isEqualTo(401);
            assertThat(client.send("POST", STATE + "/history/" + etag.replace("\"", "") + "/restore", etag, null,
                new byte[0]).status).isEqualTo(401);
        }
        assertThat(alice.get(STATE).etag).as("nothing changed").isEqualTo(alice.get(STATE).etag);
    }

    @Test
    @Order(2)
    void stateIsTheGeneratedOneWithItsVersionAsETag() throws Exception {
        WebAdminClient.Reply reply = alice.get(STATE);
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.contentType).startsWith("application/json");
        JsonNode state = reply.json();
        assertThat(reply.etag).isEqualTo("\"" + state.get("version").asText() + "\"");
        assertThat(state.get("version").asText()).isEqualTo(currentGeneration());
        assertThat(state.at("/connectionControl/policy").asText()).isEqualTo("accept-all-except");
        assertThat(texts(state.at("/connectionControl/entries"))).containsExactly("127.0.30.2/32");
        assertThat(state.at("/smtpInterface/port").asInt()).isEqualTo(setup.smtpPort);
        assertThat(state.at("/tls/incoming/enabled").asBoolean()).isTrue();
        assertThat(state.at("/tls/incoming/tlsOnly").asBoolean()).isFalse();
        assertThat(state.at("/tls/incoming/certificate/sha256").asText())
            .isEqualTo(fingerprint(setup.tls.serverCertificate()));
        assertThat(state.at("/tls/outgoing/mode").asText()).isEqualTo("opportunistic");
        assertThat(state.get("pendingRestart").size()).isZero();
        assertThat(reply.body).doesNotContain("secret").doesNotContain("PRIVATE");
    }

    @Test
    @Order(3)
    void changesNeedTheCurrentVersion() throws Exception {
        String before = alice.get(STATE).etag;
        WebAdminClient.Reply noIfMatch = alice.putJson(STATE + "/connection-control", null,
            "{\"policy\":\"deny-all-except\",\"entries\":[]}");
        assertThat(noIfMatch.status).isEqualTo(428);
        assertThat(noIfMatch.json().get("message").asText()).contains("If-Match");
        WebAdminClient.Reply stale = alice.putJson(STATE + "/connection-control", "\"20200101-000000-000-10000\"",
            "{\"policy\":\"deny-all-except\",\"entries\":[]}");
        assertThat(stale.status).isEqualTo(412);
        assertThat(stale.json().get("message").asText()).contains("changed");
        for (String path : List.of("/connection-control/import", "/tls", "/tls/certificate")) {
            assertThat(alice.send(path.equals("/tls") ? "PUT" : "POST", STATE + path, null, "application/json",
                "{}".getBytes()).status).as(path).isEqualTo(428);
        }
        assertThat(alice.get(STATE).etag).isEqualTo(before);
        SmtpAssertionsWithin.greeted("127.0.30.5", setup.smtpPort);
    }

    @Test
    @Order(4)
    void invalidEntriesAreRefusedEachWithItsIndexAndNothingChanges() throws Exception {
        String before = alice.get(STATE).etag;
        WebAdminClient.Reply reply = alice.putJson(STATE + "/connection-control", before,
            "{\"policy\":\"deny-all-except\",\"entries\":[\"127.0.31.0:255.255.255.0\",\"10.0.0.0:255.0.255.0\","
                + "\"mail.example.com\",\"<script>alert(1)</script>\"]}");
        assertThat(reply.status).isEqualTo(400);
        JsonNode errors = reply.json().get("errors");
        assertThat(errors.size()).isEqualTo(3);
        assertThat(errors.get(0).get("index").asInt()).isEqualTo(1);
        assertThat(errors.get(0).get("message").asText()).isEqualTo("'10.0.0.0:255.0.255.0' is not a contiguous netmask");
        assertThat(errors.get(1).get("index").asInt()).isEqualTo(2);
        assertThat(errors.get(2).get("index").asInt()).isEqualTo(3);
        assertThat(alice.get(STATE).etag).isEqualTo(before);
        SmtpAssertionsWithin.greeted("127.0.30.5", setup.smtpPort);
    }

    @Test
    @Order(5)
    void denyAllExceptSavedIsInForceWithinASecond() throws Exception {
        String before = alice.get(STATE).etag;
        SmtpClient inFlight = SmtpClient.connect("127.0.30.5", setup.smtpPort);
        assertThat(inFlight.read().code()).isEqualTo("220");
        Instant saved = Instant.now();
        WebAdminClient.Reply reply = alice.putJson(STATE + "/connection-control", before,
            "{\"policy\":\"deny-all-except\",\"entries\":[\"127.0.31.0:255.255.255.0\",\"127.0.32.7\"]}");
        assertThat(reply.status).as(reply.body).isEqualTo(200);
        assertThat(reply.etag).isNotEqualTo(before);
        JsonNode state = reply.json();
        assertThat(reply.etag).isEqualTo("\"" + state.get("version").asText() + "\"");
        assertThat(state.at("/connectionControl/policy").asText()).isEqualTo("deny-all-except");
        assertThat(texts(state.at("/connectionControl/entries")))
            .containsExactly("127.0.31.0:255.255.255.0", "127.0.32.7");
        Duration refusedAfter = SmtpAssertionsWithin.refusedWithin("127.0.30.5", setup.smtpPort, IN_FORCE_WITHIN);
        try (inFlight) {
            // A session opened before the save keeps the decision it got.
            assertThat(inFlight.send("EHLO client.example").code()).isEqualTo("250");
            assertThat(inFlight.send("MAIL FROM:<a@example.com>").code()).isEqualTo("250");
        }
        SmtpAssertionsWithin.greeted("127.0.31.77", setup.smtpPort);
        SmtpAssertionsWithin.greeted("127.0.32.7", setup.smtpPort);
        System.out.println("deny-all-except in force " + refusedAfter.toMillis() + " ms after the check began, "
            + Duration.between(saved, Instant.now()).toMillis() + " ms after the save was sent");
        assertThat(alice.get(STATE).etag).isEqualTo(reply.etag);
    }

    @Test
    @Order(6)
    void importWithABadLineIsRefusedAtThatLine() throws Exception {
        String before = alice.get(STATE).etag;
        WebAdminClient.Reply reply = alice.postText(STATE + "/connection-control/import?mode=append", before,
            "# our partners\n127.0.33.0/24\n\n10.1.2.3:255.0.255.0   # typo\n127.0.34.1\n");
        assertThat(reply.status).isEqualTo(400);
        JsonNode error = reply.json().get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(4);
        assertThat(error.get("entry").asText()).isEqualTo("10.1.2.3:255.0.255.0");
        assertThat(error.get("message").asText()).isEqualTo("import:4: '10.1.2.3:255.0.255.0' is not a contiguous netmask");
        assertThat(alice.get(STATE).etag).isEqualTo(before);
        assertThat(alice.postText(STATE + "/connection-control/import?mode=sideways", before, "127.0.33.0/24\n")
            .status).isEqualTo(400);
    }

    @Test
    @Order(7)
    void importAppendsAndIsInForceWithinASecond() throws Exception {
        String before = alice.get(STATE).etag;
        WebAdminClient.Reply reply = alice.postText(STATE + "/connection-control/import?mode=append", before,
            "# our partners\n127.0.33.0/24\n127.0.32.7\n");
        assertThat(reply.status).as(reply.body).isEqualTo(200);
        assertThat(texts(reply.json().at("/connectionControl/entries")))
            .containsExactly("127.0.31.0:255.255.255.0", "127.0.32.7", "127.0.33.0/24");
        SmtpAssertionsWithin.greetedWithin("127.0.33.9", setup.smtpPort, IN_FORCE_WITHIN);
        WebAdminClient.Reply replaced = alice.postText(STATE + "/connection-control/import?mode=replace",
            reply.etag, "127.0.31.0:255.255.255.0\n127.0.33.0/24\n");
        assertThat(replaced.status).isEqualTo(200);
        SmtpAssertionsWithin.refusedWithin("127.0.32.7", setup.smtpPort, IN_FORCE_WITHIN);
    }

    @Test
    @Order(8)
    void lookupNamesTheDecidingEntryAndNeverResolvesNames() throws Exception {
        JsonNode accepted = alice.get(STATE + "/lookup?ip=127.0.31.200").json();
        assertThat(accepted.get("decision").asText()).isEqualTo("accepted");
        assertThat(accepted.get("matchedEntry").asText()).isEqualTo("127.0.31.0/24");
        JsonNode refused = alice.get(STATE + "/lookup?ip=192.0.2.1").json();
        assertThat(refused.get("decision").asText()).isEqualTo("refused");
        assertThat(refused.get("matchedEntry").isNull()).isTrue();
        for (String notAnAddress : List.of("localhost", "mail.example.com", "127.0.31.0/24", "1.2.3.4:255.0.0.0", "")) {
            WebAdminClient.Reply reply = alice.get(STATE + "/lookup?ip=" + java.net.URLEncoder.encode(notAnAddress,
                java.nio.charset.StandardCharsets.UTF_8));
            assertThat(reply.status).as(notAnAddress).isEqualTo(400);
            assertThat(reply.json().get("message").asText()).isNotEmpty();
        }
        assertThat(alice.get(STATE + "/lookup?ip=::ffff:127.0.31.1").json().get("decision").asText())
            .isEqualTo("accepted");
    }

    @Test
    @Order(9)
    void wrongContentTypesMalformedJsonAndWrongTypes() throws Exception {
        String etag = alice.get(STATE).etag;
        assertThat(alice.send("PUT", STATE + "/connection-control", etag, "text/plain", "{}".getBytes()).status)
            .isEqualTo(415);
        assertThat(alice.send("POST", STATE + "/connection-control/import", etag, "application/json",
            "[]".getBytes()).status).isEqualTo(415);
        assertThat(alice.send("POST", STATE + "/tls/certificate", etag, "text/plain", "{}".getBytes()).status)
            .isEqualTo(415);
        assertThat(alice.send("POST", STATE + "/tls/certificate", etag, "multipart/mixed; boundary=x",
            "--x--\r\n".getBytes()).status).isEqualTo(415);
        WebAdminClient.Reply malformed = alice.putJson(STATE + "/connection-control", etag, "{\"entries\": [");
        assertThat(malformed.status).isEqualTo(400);
        assertThat(malformed.json().get("message").asText()).startsWith("malformed JSON");
        assertThat(alice.putJson(STATE + "/connection-control", etag, "{\"entries\": \"10.0.0.1\"}").status)
            .isEqualTo(400);
        assertThat(alice.putJson(STATE + "/connection-control", etag, "{\"policy\": \"allow-everyone\"}").status)
            .isEqualTo(400);
        assertThat(alice.putJson(STATE + "/tls", etag, "{\"incoming\": {\"tlsOnly\": \"yes\"}}").status)
            .isEqualTo(400);
        assertThat(alice.get(STATE).etag).isEqualTo(etag);
    }

    @Test
    @Order(10)
    void tlsOnlyOnAndOffAreInForceWithinASecond() throws Exception {
        String etag = alice.get(STATE).etag;
        assertThat(mailReply("127.0.31.5")).startsWith("250");
        WebAdminClient.Reply on = alice.putJson(STATE + "/tls", etag, "{\"incoming\": {\"tlsOnly\": true}}");
        assertThat(on.status).as(on.body).isEqualTo(200);
        assertThat(on.json().at("/tls/incoming/tlsOnly").asBoolean()).isTrue();
        awaitMailReply("127.0.31.5", "530 5.7.0 Must issue a STARTTLS command first");
        WebAdminClient.Reply badMode = alice.putJson(STATE + "/tls", on.etag,
            "{\"outgoing\": {\"mode\": \"must\"}}");
        assertThat(badMode.status).isEqualTo(400);
        assertThat(badMode.json().get("message").asText()).contains("is not opportunistic, required or verify");
        WebAdminClient.Reply off = alice.putJson(STATE + "/tls", on.etag, "{\"incoming\": {\"tlsOnly\": false}}");
        assertThat(off.status).isEqualTo(200);
        awaitMailReply("127.0.31.5", "250");
        WebAdminClient.Reply onAgain = alice.putJson(STATE + "/tls", off.etag, "{\"incoming\": {\"tlsOnly\": true}}");
        assertThat(onAgain.status).isEqualTo(200);
        awaitMailReply("127.0.31.5", "530");
    }

    @Test
    @Order(11)
    void uploadIsValidatedThenServedByTheNextHandshakeWithoutARestart() throws Exception {
        String etag = alice.get(STATE).etag;
        Path files = Files.createDirectories(work.resolve("upload"));
        uploaded = TestPki.writeServerFiles(files, TestPki.KeyType.RSA, TestPki.KeyEncoding.PEM_PKCS8_ENCRYPTED,
            "upload-password".toCharArray());
        byte[] key = Files.readAllBytes(uploaded.privateKeyFile());
        byte[] certificate = Files.readAllBytes(uploaded.serverCertificateFile());
        byte[] ca = Files.readAllBytes(uploaded.caCertificateFile());

        WebAdminClient.Reply multipartNoPassword = alice.postMultipart(STATE + "/tls/certificate", etag,
            WebAdminClient.parts("privateKey", key, "serverCertificate", certificate));
        assertThat(multipartNoPassword.status).as(multipartNoPassword.body).isEqualTo(400);
        assertThat(multipartNoPassword.json().get("message").asText()).containsIgnoringCase("password");
        WebAdminClient.Reply noPassword = alice.postUpload(STATE + "/tls/certificate", etag,
            WebAdminClient.parts("privateKey", key, "serverCertificate", certificate, "caCertificate", ca));
        assertThat(noPassword.status).isEqualTo(400);
        assertThat(noPassword.json().get("message").asText()).containsIgnoringCase("password");
        WebAdminClient.Reply mismatch = alice.postUpload(STATE + "/tls/certificate", etag,
            WebAdminClient.parts("privateKey", key, "privateKeyPassword", "upload-password", "serverCertificate",
                Files.readAllBytes(setup.tls.serverCertificateFile())));
        assertThat(mismatch.status).isEqualTo(400);
        WebAdminClient.Reply notPem = alice.postUpload(STATE + "/tls/certificate", etag,
            WebAdminClient.parts("privateKey", "-----BEGIN hello", "serverCertificate", "-----BEGIN world"));
        assertThat(notPem.status).isEqualTo(400);
        byte[] big = new byte[1024 * 1024 + 10];
        WebAdminClient.Reply tooBig = alice.postUpload(STATE + "/tls/certificate", etag,
            WebAdminClient.parts("privateKey", big, "serverCertificate", certificate));
        assertThat(tooBig.status).isEqualTo(413);
        assertThat(alice.get(STATE).etag).isEqualTo(etag);
        assertThat(servedCertificate()).isEqualTo(setup.tls.serverCertificate());

        WebAdminClient.Reply reply = alice.postMultipart(STATE + "/tls/certificate", etag,
            WebAdminClient.parts("privateKey", key, "privateKeyPassword", "upload-password", "serverCertificate",
                certificate, "caCertificate", ca));
        assertThat(reply.status).as(reply.body).isEqualTo(200);
        assertThat(reply.json().at("/tls/incoming/certificate/sha256").asText())
            .isEqualTo(fingerprint(uploaded.serverCertificate()));
        assertThat(reply.body).doesNotContain("upload-password").doesNotContain("PRIVATE KEY");
        assertThat(servedCertificate()).isEqualTo(uploaded.serverCertificate());
        Path keystore = setup.home.resolve("conf/imsa/current/keystore.p12");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
        assertThat(james.log()).doesNotContain("upload-password");
    }

    @Test
    @Order(12)
    void historyRecordsWhoWhenAndWhatAndRestoreIsANewVersion() throws Exception {
        JsonNode history = alice.get(STATE + "/history").json();
        assertThat(history.size()).isGreaterThanOrEqualTo(7);
        JsonNode newest = history.get(0);
        assertThat(newest.get("version").asText()).isEqualTo(currentGeneration());
        assertThat(newest.get("by").asText()).isEqualTo("alice");
        String certificateChange = "certificate " + fingerprint(setup.tls.serverCertificate()) + " -> "
            + fingerprint(uploaded.serverCertificate());
        assertThat(texts(newest.get("changes"))).contains(certificateChange);
        List<String> all = new ArrayList<>();
        history.forEach(item -> all.addAll(texts(item.get("changes"))));
        assertThat(all).contains("policy accept-all-except -> deny-all-except", "+ 127.0.31.0:255.255.255.0",
            "- 127.0.30.2/32", "tlsOnly false -> true");
        assertThat(history.toString()).doesNotContain("PRIVATE").doesNotContain("upload-password");

        String generated = history.get(history.size() - 1).get("version").asText();
        assertThat(alice.send("POST", STATE + "/history/20200101-000000-000-10000/restore", alice.get(STATE).etag,
            null, new byte[0]).status).isEqualTo(404);
        assertThat(alice.send("POST", STATE + "/history/" + generated + "/restore", "\"stale\"", null,
            new byte[0]).status).isEqualTo(412);
        assertThat(alice.send("POST", STATE + "/history/" + generated + "/restore", null, null, new byte[0]).status)
            .isEqualTo(428);
        WebAdminClient bob = setup.admin("bob");
        WebAdminClient.Reply restored = bob.send("POST", STATE + "/history/" + generated + "/restore",
            alice.get(STATE).etag, null, new byte[0]);
        assertThat(restored.status).as(restored.body).isEqualTo(200);
        JsonNode state = restored.json();
        assertThat(state.get("version").asText()).isNotEqualTo(generated);
        assertThat(state.at("/connectionControl/policy").asText()).isEqualTo("accept-all-except");
        assertThat(state.at("/tls/incoming/tlsOnly").asBoolean()).isFalse();
        assertThat(state.at("/tls/incoming/certificate/sha256").asText())
            .isEqualTo(fingerprint(setup.tls.serverCertificate()));
        // 127.0.30.5 is refused by the list before the restore and accepted by the restored one.
        SmtpAssertionsWithin.greetedWithin("127.0.30.5", setup.smtpPort, IN_FORCE_WITHIN);
        SmtpAssertions.assertRefused("127.0.30.2", setup.smtpPort);
        assertThat(servedCertificate()).isEqualTo(setup.tls.serverCertificate());
        JsonNode after = bob.get(STATE + "/history").json().get(0);
        assertThat(after.get("by").asText()).isEqualTo("bob");
        assertThat(texts(after.get("changes"))).contains("restore of version " + generated);
    }

    @Test
    @Order(13)
    void statsCountRefusalsPerEntryAndTheLastRefusedClients() throws Exception {
        SmtpAssertionsWithin.refusedWithin("127.0.30.2", setup.smtpPort, IN_FORCE_WITHIN);
        JsonNode stats = alice.get(STATE + "/stats").json();
        assertThat(stats.get("accepted").asLong()).isPositive();
        assertThat(stats.get("refused").asLong()).isPositive();
        assertThat(stats.get("recentRefused").get(0).get("ip").asText()).isEqualTo("127.0.30.2");
        assertThat(stats.get("recentRefused").get(0).get("entry").asText()).as(stats.toString())
            .isEqualTo("127.0.30.2/32");
        assertThat(stats.get("byEntry").toString()).contains("127.0.30.2/32");
    }

    @Test
    @Order(14)
    void metricsAreServedForPrometheus() throws Exception {
        WebAdminClient.Reply metrics = alice.as(null).get("/metrics");
        assertThat(metrics.status).isEqualTo(200);
        assertThat(metrics.body).contains("imsa_connectionControl_refused");
    }

    @Test
    @Order(15)
    void afterARestartEverythingSavedIsStillInForce() throws Exception {
        String etag = alice.get(STATE).etag;
        WebAdminClient.Reply saved = alice.putJson(STATE + "/connection-control", etag,
            "{\"policy\":\"deny-all-except\",\"entries\":[\"127.0.35.0/24\"]}");
        assertThat(saved.status).isEqualTo(200);
        WebAdminClient.Reply upload = alice.postUpload(STATE + "/tls/certificate", saved.etag,
            WebAdminClient.parts("privateKey", Files.readAllBytes(uploaded.privateKeyFile()), "privateKeyPassword",
                "upload-password", "serverCertificate", Files.readAllBytes(uploaded.serverCertificateFile())));
        assertThat(upload.status).isEqualTo(200);
        WebAdminClient.Reply tlsOnly = alice.putJson(STATE + "/tls", upload.etag, "{\"incoming\":{\"tlsOnly\":true}}");
        assertThat(tlsOnly.status).isEqualTo(200);
        james.close();
        james = setup.start();
        assertThat(alice.get(STATE).etag).isEqualTo(tlsOnly.etag);
        SmtpAssertionsWithin.refusedWithin("127.0.30.5", setup.smtpPort, IN_FORCE_WITHIN);
        assertThat(mailReply("127.0.35.1")).startsWith("530");
        assertThat(servedCertificate("127.0.35.1")).isEqualTo(uploaded.serverCertificate());
    }

    @Test
    @Order(16)
    void generateUpdateListsWhatItReplacesOfTheScreensSaves() throws Exception {
        String properties = Files.readString(setup.home.resolve("conf/webadmin.properties"));
        assertThat(properties).contains("host=127.0.0.1\n", "jwt.enabled=true\n",
            "extensions.routes=org.imsajames.webadmin.ConnectionsRoutes,"
                + "org.imsajames.webadmin.ui.ConnectionsPageRoutes,"
                + "org.apache.james.webadmin.dropwizard.MetricsRoutes\n", "imsa.historyVersions=50\n");
        String output = org.imsajames.james.ImsaJamesCommand.succeed(java.util.Map.of(), "generate", "--settings",
            setup.settings.toString(), "--out", setup.home.resolve("conf").toString(), "--update");
        assertThat(output).contains("replaces what the Connections screen saved: version ")
            .contains("(by alice at ")
            .contains("the mode (deny-all-except becomes accept-all-except)")
            .contains("the connection-control list (1 entries removed, 1 added; e.g. - 127.0.35.0/24)")
            .contains(": TLS only")
            .contains(": the key and certificate (keystore.p12)");
        SmtpAssertionsWithin.greetedWithin("127.0.30.5", setup.smtpPort, IN_FORCE_WITHIN);
    }

    @Test
    @Order(17)
    void whatJamesReadsOnlyAtStartIsShownAsPendingRestart() throws Exception {
        int newPort = org.imsajames.testkit.FreePorts.next();
        Files.writeString(setup.settings, Files.readString(setup.settings)
            .replace("  port: " + setup.smtpPort + "\n", "  port: " + newPort + "\n"));
        String output = org.imsajames.james.ImsaJamesCommand.succeed(java.util.Map.of(), "generate", "--settings",
            setup.settings.toString(), "--out", setup.home.resolve("conf").toString(), "--update");
        assertThat(output).contains("smtpserver.xml changed: restart James");
        JsonNode state = alice.get(STATE).json();
        assertThat(state.at("/smtpInterface/port").asInt()).isEqualTo(newPort);
        assertThat(texts(state.get("pendingRestart"))).contains("smtpInterface.port");
        SmtpAssertionsWithin.greeted("127.0.30.5", setup.smtpPort); // still the port James started with
    }

    private String currentGeneration() throws Exception {
        return setup.home.resolve("conf/imsa/current").toRealPath().getFileName().toString();
    }

    private String mailReply(String source) throws Exception {
        try (SmtpClient client = SmtpClient.connect(source, setup.smtpPort)) {
            assertThat(client.read().code()).isEqualTo("220");
            client.send("EHLO client.example");
            return client.send("MAIL FROM:<a@example.com>").toString();
        }
    }

    private void awaitMailReply(String source, String expected) throws Exception {
        Instant deadline = Instant.now().plus(IN_FORCE_WITHIN);
        String last;
        do {
            last = mailReply(source);
            if (last.startsWith(expected)) {
                return;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("MAIL from " + source + " still answered '" + last + "' " + IN_FORCE_WITHIN
            + " after the save; expected " + expected);
    }

    private X509Certificate servedCertificate() throws Exception {
        return servedCertificate("127.0.31.6");
    }

    private X509Certificate servedCertificate(String source) throws Exception {
        try (SmtpClient client = SmtpClient.connect(source, setup.smtpPort)) {
            assertThat(client.read().code()).isEqualTo("220");
            client.send("EHLO client.example");
            assertThat(client.send("STARTTLS").code()).isEqualTo("220");
            SSLSocket socket = client.startTls(TrustAllCertificates.socketFactory());
            Certificate[] served = socket.getSession().getPeerCertificates();
            return (X509Certificate) served[0];
        }
    }

    static String fingerprint(X509Certificate certificate) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        StringBuilder text = new StringBuilder();
        for (byte b : digest) {
            text.append(text.length() == 0 ? "" : ":").append(String.format("%02X", b & 0xff));
        }
        return text.toString();
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
