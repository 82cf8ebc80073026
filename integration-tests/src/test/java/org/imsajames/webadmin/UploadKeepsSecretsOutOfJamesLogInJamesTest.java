package org.imsajames.webadmin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocket;

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

/**
 * Issue 12: the certificate upload's private key and password never reach James 3.8.1's log, although James's
 * WebAdmin request logging puts every request's body in the MDC field {@code request-body}. James runs with a
 * logback.xml (scan on) whose layouts print the MDC: logback-json-classic's JsonLayout (which James ships) into one
 * file, a {@code %mdc} pattern into another and onto stdout. An encrypted key is uploaded with its password as
 * multipart/form-data and as JSON; then logback is reconfigured twice (a new logback.xml, found by its scan) and two
 * more are uploaded. After each: the next STARTTLS handshake serves the new certificate; no line of any key's PEM base64
 * and no password is in any log file or stdout; James's line for another route of ours still carries its body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UploadKeepsSecretsOutOfJamesLogInJamesTest {
    private static final String STATE = "/imsa/connections";
    private static final String UPLOAD = STATE + "/tls/certificate";

    ConnectionsJames setup;
    JamesServerProcess james;
    WebAdminClient admin;
    Path work;
    Path logs;
    final List<String> secrets = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        this.work = work;
        setup = ConnectionsJames.generate(work);
        logs = Files.createDirectories(setup.home.resolve("logs"));
        writeLogbackXml("1");
        james = setup.start();
        admin = setup.admin("alice");
    }

    @AfterAll
    void stop() throws Exception {
        if (james != null) {
            james.close();
            Files.writeString(Path.of("target", "UploadKeepsSecretsOutOfJamesLogInJamesTest-james.log"), james.log());
        }
    }

    @Test
    @Order(1)
    void multipartUploadIsServedAndNeitherKeyNorPasswordIsLogged() throws Exception {
        TestPki.ServerFiles files = encryptedKey("multipart", "multipart-secret-Pw-1");
        WebAdminClient.Reply reply = admin.postMultipart(UPLOAD, admin.get(STATE).etag, uploadParts(files,
            "multipart-secret-Pw-1"));
        assertThat(reply.status).as(reply.body).isEqualTo(200);
        assertThat(served()).isEqualTo(files.serverCertificate());
        assertSecretsAbsentAndOurLineWritten("1");
        assertThat(Files.readString(logs.resolve("mdc-1.log"), UTF_8)).contains("private key), as multipart/form-data");
    }

    @Test
    @Order(2)
    void jsonUploadIsServedAndNeitherKeyNorPasswordIsLogged() throws Exception {
        TestPki.ServerFiles files = encryptedKey("json", "json-secret-Pw-2");
        WebAdminClient.Reply reply = admin.postUpload(UPLOAD, admin.get(STATE).etag, uploadParts(files,
            "json-secret-Pw-2"));
        assertThat(reply.status).as(reply.body).isEqualTo(200);
        assertThat(served()).isEqualTo(files.serverCertificate());
        assertSecretsAbsentAndOurLineWritten("1");
        assertThat(Files.readString(logs.resolve("mdc-1.log"), UTF_8)).contains("private key), as application/json");
    }

    @Test
    @Order(3)
    void jamessRequestLineForOurOtherRoutesStillCarriesTheBody() throws Exception {
        assertOtherRouteBodyLogged("1", "10.77.1.0/24");
    }

    @Test
    @Order(4)
    void afterLogbackIsReconfiguredTheUploadIsStillNotLogged() throws Exception {
        // Twice: a filter that survived only the first reset (a listener that is not reset resistant) would be gone.
        for (String generation : List.of("2", "3")) {
            writeLogbackXml(generation);
            awaitFile(logs.resolve("mdc-" + generation + ".log"), Duration.ofSeconds(30)); // logback's 1 s scan
        }
        TestPki.ServerFiles files = encryptedKey("after-reload", "reload-secret-Pw-3");
        WebAdminClient.Reply reply = admin.postMultipart(UPLOAD, admin.get(STATE).etag, uploadParts(files,
            "reload-secret-Pw-3"));
        assertThat(reply.status).as(reply.body).isEqualTo(200);
        assertThat(served()).isEqualTo(files.serverCertificate());
        TestPki.ServerFiles jsonFiles = encryptedKey("after-reload-json", "reload-secret-Pw-4");
        WebAdminClient.Reply json = admin.postUpload(UPLOAD, admin.get(STATE).etag, uploadParts(jsonFiles,
            "reload-secret-Pw-4"));
        assertThat(json.status).as(json.body).isEqualTo(200);
        assertThat(served()).isEqualTo(jsonFiles.serverCertificate());
        assertOtherRouteBodyLogged("3", "10.77.3.0/24");
        assertSecretsAbsentAndOurLineWritten("3");
    }

    private java.util.Map<String, byte[]> uploadParts(TestPki.ServerFiles files, String password) throws Exception {
        return WebAdminClient.parts("privateKey", Files.readAllBytes(files.privateKeyFile()), "privateKeyPassword",
            password, "serverCertificate", Files.readAllBytes(files.serverCertificateFile()), "caCertificate",
            Files.readAllBytes(files.caCertificateFile()));
    }

    /** An RSA key, PKCS#8 encrypted with PASSWORD; its base64 lines and the password are the secrets to look for. */
    private TestPki.ServerFiles encryptedKey(String name, String password) throws Exception {
        TestPki.ServerFiles files = TestPki.writeServerFiles(Files.createDirectories(work.resolve(name)),
            TestPki.KeyType.RSA, TestPki.KeyEncoding.PEM_PKCS8_ENCRYPTED, password.toCharArray());
        List<String> lines = Files.readAllLines(files.privateKeyFile(), UTF_8).stream()
            .filter(line -> !line.startsWith("-----") && line.length() >= 16).collect(Collectors.toList());
        assertThat(lines).hasSizeGreaterThan(10);
        secrets.addAll(lines);
        secrets.add(password);
        return files;
    }

    private void assertSecretsAbsentAndOurLineWritten(String generation) throws Exception {
        Path mdc = logs.resolve("mdc-" + generation + ".log");
        Path json = logs.resolve("json-" + generation + ".log");
        awaitContains(mdc, "certificate upload (body not logged");
        awaitContains(json, "certificate upload (body not logged");
        List<Path> everyLog = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            files.forEach(everyLog::add);
        }
        everyLog.add(james.logFile()); // stdout, with its %mdc
        assertThat(everyLog).hasSizeGreaterThanOrEqualTo(Integer.parseInt(generation) * 2 + 1);
        for (Path log : everyLog) {
            String text = Files.readString(log, UTF_8);
            for (String secret : secrets) {
                assertThat(text).as("%s holds a secret of the upload", log.getFileName()).doesNotContain(secret);
            }
            assertThat(text.lines().filter(line -> line.contains("WebAdmin request received")
                && !line.contains("certificate upload (body not logged") && line.contains("tls/certificate")))
                .as("James's own request line for the upload in %s", log.getFileName()).isEmpty();
        }
        // The guard is targeted: the response line (our state JSON, no key) of the same route is still there.
        assertThat(Files.readString(mdc, UTF_8)).contains("WebAdmin response received");
    }

    private void assertOtherRouteBodyLogged(String generation, String entry) throws Exception {
        WebAdminClient.Reply saved = admin.putJson(STATE + "/connection-control", admin.get(STATE).etag,
            "{\"entries\":[\"127.0.30.2\",\"" + entry + "\"]}");
        assertThat(saved.status).as(saved.body).isEqualTo(200);
        for (Path log : List.of(logs.resolve("mdc-" + generation + ".log"), logs.resolve("json-" + generation
                + ".log"), james.logFile())) {
            awaitContains(log, entry);
            assertThat(Files.readString(log, UTF_8).lines().filter(line -> line.contains("WebAdmin request received")
                && line.contains("connection-control") && line.contains("request-body") && line.contains(entry)))
                .as("James's request line with its body in %s", log.getFileName()).isNotEmpty();
        }
    }

    private X509Certificate served() throws Exception {
        try (SmtpClient client = SmtpClient.connect("127.0.32.6", setup.smtpPort)) {
            assertThat(client.read().code()).isEqualTo("220");
            client.send("EHLO client.example");
            assertThat(client.send("STARTTLS").code()).isEqualTo("220");
            SSLSocket socket = client.startTls(TrustAllCertificates.socketFactory());
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /**
     * JsonLayout (MDC included) into json-N.log, a %mdc pattern into mdc-N.log and onto stdout; scan every second,
     * so that writing generation 2 reconfigures the running James (logback resets its context, then reads it).
     */
    private void writeLogbackXml(String generation) throws Exception {
        String pattern = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg %mdc%n";
        Files.writeString(setup.home.resolve("conf/logback.xml"), String.join("\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<configuration scan=\"true\" scanPeriod=\"1 seconds\">",
            "  <appender name=\"CONSOLE\" class=\"ch.qos.logback.core.ConsoleAppender\">",
            "    <encoder><pattern>" + pattern + "</pattern></encoder>",
            "  </appender>",
            "  <appender name=\"MDC\" class=\"ch.qos.logback.core.FileAppender\">",
            "    <file>" + logs.resolve("mdc-" + generation + ".log") + "</file>",
            "    <encoder><pattern>" + pattern + "</pattern></encoder>",
            "  </appender>",
            "  <appender name=\"JSON\" class=\"ch.qos.logback.core.FileAppender\">",
            "    <file>" + logs.resolve("json-" + generation + ".log") + "</file>",
            "    <encoder class=\"ch.qos.logback.core.encoder.LayoutWrappingEncoder\">",
            "      <layout class=\"ch.qos.logback.contrib.json.classic.JsonLayout\">",
            "        <jsonFormatter class=\"ch.qos.logback.contrib.jackson.JacksonJsonFormatter\"/>",
            "        <appendLineSeparator>true</appendLineSeparator>",
            "      </layout>",
            "    </encoder>",
            "  </appender>",
            "  <root level=\"INFO\">",
            "    <appender-ref ref=\"CONSOLE\"/>",
            "    <appender-ref ref=\"MDC\"/>",
            "    <appender-ref ref=\"JSON\"/>",
            "  </root>",
            "</configuration>",
            ""));
    }

    private static void awaitFile(Path file, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (!Files.exists(file)) {
            assertThat(Instant.now()).as("%s written within %s", file, limit).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** Appenders write as events come; a few hundred ms at most here, 10 s before the test gives up. */
    private static void awaitContains(Path file, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!Files.exists(file) || !Files.readString(file, UTF_8).contains(text)) {
            assertThat(Instant.now()).as("%s contains %s", file, text).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
