package org.imsajames.webadmin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.imsajames.policy.LogText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Request;

/**
 * The certificate upload's fields: {@code privateKey}, {@code serverCertificate}, {@code caCertificate} (optional)
 * and {@code privateKeyPassword} (optional), as a JSON object of strings (a PEM file's text, or a DER file in
 * base64), at most 1 MiB in all.
 *
 * <p>Why JSON and not multipart/form-data: James 3.8.1's WebAdmin request logging reads every request's body before
 * any route runs, and Spark keeps no copy of a multipart body, so a multipart upload reaches the route empty (and
 * James's logging cannot be extended from an extension jar: its RequestLogger set is bound in the parent injector).
 * A multipart body is therefore refused with 415 and this reason, never half read.
 */
final class UploadBody {
    static final java.util.Set<String> FIELDS = java.util.Set.of("privateKey", "serverCertificate", "caCertificate",
        "privateKeyPassword");

    private UploadBody() {
    }

    static Map<String, byte[]> parts(ObjectMapper json, Request request) throws ApiError {
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            throw new ApiError(415, "send the upload as application/json {\"privateKey\": \"PEM text or base64"
                + " DER\", \"serverCertificate\": ..., \"caCertificate\": ..., \"privateKeyPassword\": ...}:"
                + " James 3.8.1 reads a multipart body before it reaches this route");
        }
        if (request.contentLength() > RequestBodies.MAX_UPLOAD_BYTES) {
            throw new ApiError(413, "the upload is " + request.contentLength() + " bytes; at most "
                + RequestBodies.MAX_UPLOAD_BYTES + " are accepted");
        }
        RequestBodies.requireType(request, "application/json");
        byte[] body = RequestBodies.bytes(request, RequestBodies.MAX_UPLOAD_BYTES);
        JsonNode node = RequestBodies.parse(json, RequestBodies.utf8(body));
        if (!node.isObject()) {
            throw ApiError.badRequest("the upload must be an object of strings: privateKey, serverCertificate,"
                + " caCertificate (optional), privateKeyPassword (optional)");
        }
        Map<String, byte[]> parts = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (!FIELDS.contains(name)) {
                throw ApiError.badRequest("unknown field " + LogText.quoted(name) + "; expected privateKey,"
                    + " serverCertificate, caCertificate (optional), privateKeyPassword (optional)");
            }
            if (field.getValue().isNull()) {
                continue;
            }
            if (!field.getValue().isTextual()) {
                throw ApiError.badRequest(name + " must be a string (a PEM file's text, or a DER file in base64)");
            }
            String text = field.getValue().asText();
            parts.put(name, name.equals("privateKeyPassword") || text.contains("-----BEGIN")
                ? text.getBytes(StandardCharsets.UTF_8) : base64(name, text));
        }
        return parts;
    }

    private static byte[] base64(String name, String text) throws ApiError {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(name + " is neither PEM text nor base64 DER");
        }
    }
}
