package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.james.SmtpAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hostile input to every endpoint of a real James 3.8.1 (a bounded fuzz loop with a fixed seed, so a failure can be
 * replayed): random and binary bodies, invalid UTF-8, oversized bodies, deeply nested JSON, entries holding HTML or
 * script, odd field names and version strings. Each gets a 4xx whose JSON body has a message; the state's version
 * never changes; James keeps serving SMTP and WebAdmin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputInJamesTest {
    private static final String STATE = "/imsa/connections";
    private static final long SEED = 20261202L;
    private static final int ROUNDS = 40;

    ConnectionsJames setup;
    JamesServerProcess james;
    WebAdminClient admin;
    String version;
    int requests;
    int jettyRefusals;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        setup = ConnectionsJames.generate(work);
        james = setup.start();
        admin = setup.admin("fuzzer");
        version = admin.get(STATE).etag;
    }

    @AfterAll
    void stop() throws Exception {
        if (james != null) {
            james.close();
        }
    }

    @Test
    void everyHostileRequestIsRefusedWithAReasonAndChangesNothing() throws Exception {
        Random random = new Random(SEED);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] noise = bytes(random, random.nextInt(2000));
            String text = hostileText(random);
            refused("PUT", STATE + "/connection-control", "application/json", noise);
            refused("PUT", STATE + "/connection-control", "application/json", json("{\"entries\":[" + quote(text)
                + ",\"<b>\"]}"));
            refused("PUT", STATE + "/connection-control", "application/json", json("{\"policy\":" + quote(text) + "}"));
            refused("PUT", STATE + "/connection-control", "application/json", json("{" + quote(text) + ": 1}"));
            refused("POST", STATE + "/connection-control/import", "text/plain", noise);
            refused("POST", STATE + "/connection-control/import", "text/plain", json("127.0.0.9\n" + text
                + "\n<script>x</script>\n"));
            refused("PUT", STATE + "/tls", "application/json", noise);
            refused("PUT", STATE + "/tls", "application/json", json("{\"incoming\":{\"tlsOnly\":" + quote(text) + "}}"));
            refused("PUT", STATE + "/tls", "application/json", json("{\"outgoing\":{\"mode\":" + quote(text) + "}}"));
            refused("PUT", STATE + "/smtp-interface", "application/json", noise);
            refused("PUT", STATE + "/smtp-interface", "application/json", json("{\"ipAddress\":" + quote(text)
                + ",\"port\":" + random.nextInt() + "}"));
            refused("PUT", STATE + "/smtp-interface", "application/json", json("{" + quote(text) + ": 1}"));
            refused("POST", STATE + "/tls/certificate", "application/json", json("{\"privateKey\":" + quote(text)
                + ",\"serverCertificate\":" + quote(text) + "}"));
            refused("POST", STATE + "/tls/certificate", "application/json", json("{" + quote("../" + text)
                + ":\"x\"}"));
            refused("POST", STATE + "/tls/certificate", "application/json", noise);
            refusedGet(STATE + "/lookup?ip=" + URLEncoder.encode(text + "<", StandardCharsets.UTF_8));
            refused("POST", STATE + "/history/" + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20")
                + "/restore", null, new byte[0]);
        }
        for (String path : List.of("..", "..%2F..%2Fetc", ".staging-x", "current", "%00", "a".repeat(300))) {
            refused("POST", STATE + "/history/" + path + "/restore", null, new byte[0]);
        }
        refused("PUT", STATE + "/connection-control", "application/json", json("[".repeat(100_000)));
        refused("PUT", STATE + "/connection-control", "application/json", json("{\"entries\":" + "[".repeat(5000)
            + "]".repeat(5000) + "}"));
        refused("PUT", STATE + "/connection-control", "application/json", new byte[] {(byte) 0xC3, (byte) 0x28});
        refused("PUT", STATE + "/connection-control", "application/json", json("{\"entries\":[\"<script>alert(1)"
            + "</script>\",\"<img src=x onerror=alert(1)>\",\"10.0.0.1\\u0000\"]}"));
        refused("POST", STATE + "/tls/certificate", "application/json", new byte[1024 * 1024 + 1]);
        refused("PUT", STATE + "/connection-control", "application/json", new byte[64 * 1024 * 1024 + 1]);
        refused("POST", STATE + "/tls/certificate", "multipart/form-data; boundary=x",
            "--x\r\nContent-Disposition: form-data; name=\"../../etc/passwd\"; filename=\"<script>.pem\"\r\n\r\nx\r\n--x--\r\n"
                .getBytes(StandardCharsets.UTF_8));
        hostileMultipartUploads(random);

        assertThat(admin.get(STATE).etag).isEqualTo(version);
        assertThat(admin.get(STATE + "/history").json().size()).isEqualTo(1);
        SmtpAssertions.assertRefused("127.0.30.2", setup.smtpPort);
        SmtpAssertions.assertGreeted("127.0.30.5", setup.smtpPort);
        assertThat(james.log()).doesNotContain("OutOfMemoryError").doesNotContain("StackOverflowError");
        System.out.println(requests + " hostile requests refused (" + jettyRefusals + " by Jetty before WebAdmin),"
            + " version unchanged");
    }

    /**
     * multipart/form-data uploads: unknown, nameless-but-named-oddly and duplicate parts, no boundary, odd file names
     * (path separators, NUL, 10 KB, HTML), cut short, over 1 MiB, noise. Each is refused with a reason that never
     * quotes the key material it carried.
     */
    private void hostileMultipartUploads(Random random) throws Exception {
        String key = "-----BEGIN PRIVATE KEY-----\n" + KEY_MATERIAL + "\n-----END PRIVATE KEY-----\n";
        java.util.Map<String, String> bodies = new java.util.LinkedHashMap<>(); // body -> what the reason says
        bodies.put(part("privateKey", "server.key", key) + part("secretKey", "x.pem", key), "part 2 has an unknown name");
        bodies.put(part("privateKey", "a.key", key) + part("privateKey", "b.key", key), "sent twice");
        for (String name : List.of("../../etc/passwd", "..\\..\\boot.ini", "a\u0000.pem", "x".repeat(10_000),
                "<img src=x onerror=alert(1)>.pem", "\u202egp.key", "..")) {
            bodies.put(part("privateKey", name, key) + part("serverCertificate", "server.crt", key),
                "the file name of part privateKey");
        }
        bodies.put(part("privateKey", "server.key", key) + part("serverCertificate", "server.crt", "-----BEGIN x"), "");
        for (java.util.Map.Entry<String, String> body : bodies.entrySet()) {
            refusedMultipart("multipart/form-data; boundary=" + BOUNDARY, (body.getKey() + "--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8), body.getValue());
        }
        byte[] whole = (part("privateKey", "server.key", key) + "--" + BOUNDARY + "--\r\n")
            .getBytes(StandardCharsets.UTF_8);
        refusedMultipart("multipart/form-data", whole, "boundary");
        refusedMultipart("multipart/form-data; boundary=" + BOUNDARY, java.util.Arrays.copyOf(whole, whole.length - 30),
            "malformed");
        refusedMultipart("multipart/form-data; boundary=" + BOUNDARY, (part("privateKey", "server.key",
            "x".repeat(1024 * 1024)) + "--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8), "at most");
        for (String json : List.of("{\"privateKey\": " + KEY_MATERIAL + "}", KEY_MATERIAL, "{\"privateKey\": \""
                + KEY_MATERIAL + "\", \"" + KEY_MATERIAL + "\": 1}", "{\"privateKey\": \"" + KEY_MATERIAL + "\"}")) {
            WebAdminClient.Reply reply = admin.send("POST", STATE + "/tls/certificate", version, "application/json",
                json.getBytes(StandardCharsets.UTF_8));
            check("POST JSON upload", reply);
            assertThat(reply.body).as("the reason quotes the key").doesNotContain(KEY_MATERIAL.substring(0, 12));
        }
        for (int round = 0; round < ROUNDS / 4; round++) {
            refusedMultipart("multipart/form-data; boundary=" + BOUNDARY, bytes(random, random.nextInt(3000)), "");
        }
    }

    private static final String BOUNDARY = "hostile-b0undary";
    private static final String KEY_MATERIAL = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";

    private static String part(String name, String fileName, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
            + "\"\r\n\r\n" + content + "\r\n";
    }

    private void refusedMultipart(String contentType, byte[] body, String reason) throws Exception {
        WebAdminClient.Reply reply = admin.send("POST", STATE + "/tls/certificate", version, contentType, body);
        check("POST multipart " + contentType, reply);
        assertThat(reply.json().path("message").asText()).as("%s", reply).contains(reason);
        assertThat(reply.body).as("the reason quotes the key").doesNotContain(KEY_MATERIAL);
    }

    @Test
    void entriesHoldingHtmlComeBackAsJsonTextInTheErrors() throws Exception {
        WebAdminClient.Reply reply = admin.putJson(STATE + "/connection-control", version,
            "{\"entries\":[\"<script>alert(1)</script>\"]}");
        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.contentType).startsWith("application/json");
        JsonNode error = reply.json().get("errors").get(0);
        assertThat(error.get("entry").asText()).isEqualTo("<script>alert(1)</script>");
        assertThat(error.get("index").asInt()).isZero();
        assertThat(admin.get(STATE).etag).isEqualTo(version);
    }

    private void refused(String method, String path, String contentType, byte[] body) throws Exception {
        WebAdminClient.Reply reply = admin.send(method, path, version, contentType, body);
        check(method + " " + path, reply);
    }

    private void refusedGet(String path) throws Exception {
        check("GET " + path, admin.get(path));
    }

    private void check(String request, WebAdminClient.Reply reply) throws Exception {
        requests++;
        String what = request.length() > 200 ? request.substring(0, 200) + "..." : request;
        assertThat(reply.status).as("%s -> %s", what, reply).isBetween(400, 499);
        if (reply.contentType == null || !reply.contentType.startsWith("application/json")) {
            // A URI Jetty itself refuses (an encoded NUL or lone surrogate in the path) never reaches WebAdmin.
            assertThat(reply.status).as("%s -> %s", what, reply).isEqualTo(400);
            assertThat(reply.body).as("%s -> %s", what, reply).contains("Bad Message 400");
            jettyRefusals++;
            return;
        }
        JsonNode body = reply.json();
        assertThat(body.path("message").asText()).as("%s -> %s", what, reply).isNotBlank();
    }

    private static String hostileText(Random random) {
        List<String> pieces = new ArrayList<>(List.of("<script>alert(1)</script>", "\"", "\\", "\u0000", "\r\n",
            "#! policy accept-all-except\n", "10.0.0.0:255.0.255.0", "../../etc/passwd", "\u202e", "%00", "{\"a\":",
            "localhost", "1.2.3.4/33", "::ffff:", "\uD800", "x".repeat(5000), "🙂", "0x7f000001", "127.1"));
        StringBuilder text = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            text.append(pieces.get(random.nextInt(pieces.size())));
        }
        return text.toString();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String text) throws Exception {
        return WebAdminClient.JSON.writeValueAsString(text);
    }
}
