package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpClient;
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
 * What James 3.8.1 reads only at start, saved from the Connections API of a real James (child JVM, JWT on): the
 * SMTP Interface, incoming TLS on/off and the outgoing mode are saved into the next generation's smtpserver.xml and
 * mailetcontainer.xml, listed in pendingRestart while the running James keeps its old values, and in force after a
 * restart. Bad values get check's message and change nothing. The tests run in order, each on the state before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartOnlySettingsInJamesTest {
    private static final String STATE = "/imsa/connections";
    private static final String ACCEPTED = "127.0.30.5";
    private static final String LISTED = "127.0.30.2";

    ConnectionsJames setup;
    JamesServerProcess james;
    WebAdminClient alice;
    int newPort;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        setup = ConnectionsJames.generate(work);
        james = setup.start();
        alice = setup.admin("alice");
        newPort = FreePorts.next();
    }

    @AfterAll
    void stop() throws Exception {
        if (james != null) {
            james.close();
            Files.writeString(Path.of("target", "StartOnlySettingsInJamesTest-james.log"), james.log());
        }
    }

    @Test
    @Order(1)
    void theStateShowsTheSmtpInterfaceWithTheSettingsKeysAndUnits() throws Exception {
        JsonNode smtp = alice.get(STATE).json().get("smtpInterface");
        assertThat(smtp.get("ipAddress").asText()).isEqualTo("loopback");
        assertThat(smtp.get("port").asInt()).isEqualTo(setup.smtpPort);
        assertThat(smtp.get("inactivityTimeoutMinutes").asInt()).isEqualTo(5); // the settings' default
        assertThat(smtp.get("maxConnectionsPerIp").asInt()).isEqualTo(50);
        assertThat(ConnectionsApiInJamesTest.texts(alice.get(STATE).json().get("pendingRestart"))).isEmpty();
    }

    @Test
    @Order(2)
    void badValuesGetChecksMessageAndChangeNothing(@TempDir Path work) throws Exception {
        String etag = alice.get(STATE).etag;
        WebAdminClient.Reply tooHigh = alice.putJson(STATE + "/smtp-interface", etag, "{\"port\": 70000}");
        assertThat(tooHigh.status).isEqualTo(400);
        String message = "smtpInterface.port must be between 1 and 65535, not 70000";
        assertThat(tooHigh.json().get("message").asText()).startsWith(message);
        assertThat(tooHigh.json().at("/errors/0/field").asText()).isEqualTo("port");
        // imsa-james check says the same of the same value in the settings file.
        Path settings = work.resolve("imsa.yaml");
        Files.writeString(settings, Files.readString(setup.settings).replace("  port: " + setup.smtpPort + "\n",
            "  port: 70000\n").replace("tls/", setup.settings.getParent().resolve("tls") + "/")
            .replace("jwt.pub", setup.settings.getParent().resolve("jwt.pub").toString()));
        assertThat(ImsaJamesCommand.refuse(Map.of(), "check", "--settings", settings.toString())).contains(message);

        Map<String, String> refused = Map.of(
            "{\"port\": \"2525\"}", "smtpInterface.port must be a number, not a string",
            "{\"port\": 25.5}", "smtpInterface.port must be a whole number, not '25.5'",
            "{\"inactivityTimeoutMinutes\": 0}", "smtpInterface.inactivityTimeoutMinutes must be between 1 and 1440",
            "{\"ipAddress\": \"::1\"}", "James cannot bind a single IPv6 address",
            "{\"ipAddress\": \"example.com\"}", "is not all, loopback or an IPv4 address",
            "{\"bind\": \"0.0.0.0:25\"}", "unknown field 'bind'",
            "[2525]", "the body must be an object");
        for (Map.Entry<String, String> body : refused.entrySet()) {
            WebAdminClient.Reply reply = alice.putJson(STATE + "/smtp-interface", etag, body.getKey());
            assertThat(reply.status).as(body.getKey()).isEqualTo(400);
            assertThat(reply.json().get("message").asText()).as(body.getKey()).contains(body.getValue());
        }
        WebAdminClient.Reply mode = alice.putJson(STATE + "/tls", etag, "{\"outgoing\": {\"mode\": \"strict\"}}");
        assertThat(mode.status).isEqualTo(400);
        assertThat(mode.json().get("message").asText())
            .startsWith("tls.outgoing.mode 'strict' is not opportunistic, required or verify");
        WebAdminClient.Reply tlsOnlyWithoutTls = alice.putJson(STATE + "/tls", etag,
            "{\"incoming\": {\"enabled\": false, \"tlsOnly\": true}}");
        assertThat(tlsOnlyWithoutTls.status).isEqualTo(400);
        assertThat(tlsOnlyWithoutTls.json().get("message").asText()).contains("tlsOnly needs incoming TLS");
        assertThat(alice.putJson(STATE + "/smtp-interface", null, "{\"port\": 2525}").status).isEqualTo(428);
        assertThat(alice.putJson(STATE + "/smtp-interface", "\"0-stale\"", "{\"port\": 2525}").status)
            .isEqualTo(412);
        assertThat(alice.get(STATE).etag).as("nothing was saved").isEqualTo(etag);
    }

    @Test
    @Order(3)
    void aSavedPortWaitsForTheNextStartWhileTheOldPortServes() throws Exception {
        String etag = alice.get(STATE).etag;
        WebAdminClient.Reply saved = alice.putJson(STATE + "/smtp-interface", etag,
            "{\"port\": " + newPort + ", \"maxConnectionsPerIp\": 20}");
        assertThat(saved.status).as(saved.body).isEqualTo(200);
        JsonNode state = saved.json();
        assertThat(state.at("/smtpInterface/port").asInt()).isEqualTo(newPort);
        assertThat(ConnectionsApiInJamesTest.texts(state.get("pendingRestart")))
            .containsExactly("smtpInterface.port", "smtpInterface.maxConnectionsPerIp");
        String generated = Files.readString(currentFolder().resolve("smtpserver.xml"));
        assertThat(generated).contains("<bind>127.0.0.1:" + newPort + "</bind>", "<maxConnectionsPerIp>20<");
        assertThat(alice.get(STATE + "/history").json().get(0).get("changes").toString())
            .contains("smtpInterface.port " + setup.smtpPort + " -> " + newPort)
            .contains("smtpInterface.maxConnectionsPerIp 50 -> 20");
        SmtpAssertionsWithin.greeted(ACCEPTED, setup.smtpPort);
        assertNothingListensOn(newPort);
    }

    @Test
    @Order(4)
    void outgoingModeAndIncomingTlsOffAreSavedWhileTheRunningJamesKeepsStartTls() throws Exception {
        WebAdminClient.Reply saved = alice.putJson(STATE + "/tls", alice.get(STATE).etag,
            "{\"incoming\": {\"enabled\": false}, \"outgoing\": {\"mode\": \"required\"}}");
        assertThat(saved.status).as(saved.body).isEqualTo(200);
        JsonNode state = saved.json();
        assertThat(state.at("/tls/incoming/enabled").asBoolean()).isFalse();
        assertThat(state.at("/tls/outgoing/mode").asText()).isEqualTo("required");
        assertThat(ConnectionsApiInJamesTest.texts(state.get("pendingRestart"))).containsExactly("smtpInterface.port",
            "smtpInterface.maxConnectionsPerIp", "tls.incoming.enabled", "tls.outgoing.mode");
        Path folder = currentFolder();
        assertThat(Files.readString(folder.resolve("mailetcontainer.xml")))
            .contains("<mail.smtp.starttls.required>true</mail.smtp.starttls.required>");
        assertThat(Files.readString(folder.resolve("smtpserver.xml")))
            .contains("startTLS=\"false\"").doesNotContain("<secret>", "org.imsajames.smtp.TlsOnlyHandler");
        assertThat(ehlo(setup.smtpPort).has("STARTTLS")).as("the running James keeps its start values").isTrue();
    }

    @Test
    @Order(5)
    void afterARestartTheSavedValuesAreInForceWithTheSamePolicy() throws Exception {
        restart();
        JsonNode state = alice.get(STATE).json();
        assertThat(ConnectionsApiInJamesTest.texts(state.get("pendingRestart"))).isEmpty();
        SmtpAssertionsWithin.greeted(ACCEPTED, newPort);
        SmtpAssertionsWithin.refusedWithin(LISTED, newPort, java.time.Duration.ofSeconds(1));
        assertThat(ehlo(newPort).has("STARTTLS")).as("incoming TLS saved off").isFalse();
        assertNothingListensOn(setup.smtpPort);
    }

    @Test
    @Order(6)
    void incomingTlsOnAgainOffersStartTlsWithTheSameCertificateAfterTheNextStart() throws Exception {
        WebAdminClient.Reply saved = alice.putJson(STATE + "/tls", alice.get(STATE).etag,
            "{\"incoming\": {\"enabled\": true}}");
        assertThat(saved.status).as(saved.body).isEqualTo(200);
        assertThat(ConnectionsApiInJamesTest.texts(saved.json().get("pendingRestart")))
            .containsExactly("tls.incoming.enabled");
        assertThat(ehlo(newPort).has("STARTTLS")).isFalse();
        restart();
        assertThat(ConnectionsApiInJamesTest.texts(alice.get(STATE).json().get("pendingRestart"))).isEmpty();
        assertThat(ehlo(newPort).has("STARTTLS")).isTrue();
        assertThat(servedCertificate(newPort)).isEqualTo(setup.tls.serverCertificate());
    }

    @Test
    @Order(7)
    void restoreOfTheGeneratedVersionRestoresThePortAndTheModeForTheNextStart() throws Exception {
        JsonNode history = alice.get(STATE + "/history").json();
        String generated = history.get(history.size() - 1).get("version").asText();
        WebAdminClient.Reply restored = alice.send("POST", STATE + "/history/" + generated + "/restore",
            alice.get(STATE).etag, null, new byte[0]);
        assertThat(restored.status).as(restored.body).isEqualTo(200);
        JsonNode state = restored.json();
        assertThat(state.at("/smtpInterface/port").asInt()).isEqualTo(setup.smtpPort);
        assertThat(state.at("/tls/outgoing/mode").asText()).isEqualTo("opportunistic");
        assertThat(ConnectionsApiInJamesTest.texts(state.get("pendingRestart"))).containsExactly("smtpInterface.port",
            "smtpInterface.maxConnectionsPerIp", "tls.outgoing.mode");
        assertThat(alice.get(STATE + "/history").json().get(0).get("changes").toString())
            .contains("smtpInterface.port " + newPort + " -> " + setup.smtpPort)
            .contains("tls.outgoing.mode required -> opportunistic");
        SmtpAssertionsWithin.greeted(ACCEPTED, newPort);
    }

    @Test
    @Order(8)
    void generateUpdateListsTheStartOnlyScreenChangesItReplaces() throws Exception {
        int screenPort = FreePorts.next();
        assertThat(alice.putJson(STATE + "/smtp-interface", alice.get(STATE).etag, "{\"port\": " + screenPort + "}")
            .status).isEqualTo(200);
        String output = ImsaJamesCommand.succeed(Map.of(), "generate", "--settings", setup.settings.toString(),
            "--out", setup.home.resolve("conf").toString(), "--update");
        assertThat(output).contains("replaces what the Connections screen saved: version ")
            .contains("smtpInterface.port " + screenPort + " -> " + setup.smtpPort
                + " (read by James at its next start)");
        assertThat(alice.get(STATE).json().at("/smtpInterface/port").asInt()).isEqualTo(setup.smtpPort);
    }

    private void restart() throws Exception {
        james.close();
        james = setup.start();
    }

    private Path currentFolder() throws Exception {
        return setup.home.resolve("conf/imsa/current").toRealPath();
    }

    private static SmtpClient.Reply ehlo(int port) throws Exception {
        try (SmtpClient client = SmtpClient.connect(ACCEPTED, port)) {
            assertThat(client.read().code()).isEqualTo("220");
            return client.send("EHLO client.example");
        }
    }

    private static X509Certificate servedCertificate(int port) throws Exception {
        try (SmtpClient client = SmtpClient.connect(ACCEPTED, port)) {
            assertThat(client.read().code()).isEqualTo("220");
            client.send("EHLO client.example");
            assertThat(client.send("STARTTLS").code()).isEqualTo("220");
            SSLSocket socket = client.startTls(TrustAllCertificates.socketFactory());
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static void assertNothingListensOn(int port) {
        assertThatThrownBy(() -> SmtpClient.connect(ACCEPTED, port).close()).isInstanceOf(ConnectException.class);
    }
}
