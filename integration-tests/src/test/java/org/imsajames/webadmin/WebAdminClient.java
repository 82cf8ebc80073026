package org.imsajames.webadmin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** HTTP to a real James's WebAdmin on loopback, with a Bearer token (or none). */
final class WebAdminClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;
    private final String token;

    WebAdminClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    WebAdminClient as(String otherToken) {
        return new WebAdminClient(port, otherToken);
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    Reply send(String method, String path, String ifMatch, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    Reply putJson(String path, String ifMatch, String json) throws IOException, InterruptedException {
        return send("PUT", path, ifMatch, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    Reply postText(String path, String ifMatch, String text) throws IOException, InterruptedException {
        return send("POST", path, ifMatch, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** The certificate upload: a JSON object of the files' texts (PEM) or base64 (DER). */
    Reply postUpload(String path, String ifMatch, Map<String, byte[]> files) throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            body.put(file.getKey(), file.getKey().equals("privateKeyPassword") || text.contains("-----BEGIN") ? text
                : java.util.Base64.getEncoder().encodeToString(file.getValue()));
        }
        return send("POST", path, ifMatch, "application/json", JSON.writeValueAsBytes(body));
    }

    /**
     * The same fields as multipart/form-data, as a browser's FormData sends them: each file with a plain file name
     * (the part's name, ".pem"), the password as a field without one.
     */
    Reply postMultipart(String path, String ifMatch, Map<String, byte[]> parts) throws IOException, InterruptedException {
        String boundary = "----imsa-test-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            String fileName = part.getKey().equals("privateKeyPassword") ? ""
                : "; filename=\"" + part.getKey() + ".pem\"\r\nContent-Type: application/octet-stream";
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
                + "\"" + fileName + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send("POST", path, ifMatch, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    static Map<String, byte[]> parts(Object... nameThenContent) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Object content = nameThenContent[i + 1];
            parts.put((String) nameThenContent[i], content instanceof byte[] ? (byte[]) content
                : content.toString().getBytes(StandardCharsets.UTF_8));
        }
        return parts;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("ETag").orElse(null), response.body(),
            response.headers().firstValue("Content-Type").orElse(null));
    }

    static final class Reply {
        final int status;
        final String etag;
        final String body;
        final String contentType;

        Reply(int status, String etag, String body, String contentType) {
            this.status = status;
            this.etag = etag;
            this.body = body;
            this.contentType = contentType;
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
