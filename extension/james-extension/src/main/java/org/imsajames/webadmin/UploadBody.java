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
 * and {@code privateKeyPassword} (optional), at most 1 MiB in all, refused with 413 before anything is parsed. As
 * multipart/form-data (the page's Browse/Upload, {@code curl -F privateKey=@server.key}; {@link MultipartUpload}):
 * each part the file's bytes, PEM or DER. Or as a JSON object of strings: a PEM file's text, or a DER file in base64.
 */
final class UploadBody {
    static final java.util.Set<String> FIELDS = java.util.Set.of("privateKey", "serverCertificate", "caCertificate",
        "privateKeyPassword");

    private UploadBody() {
    }

    static final String EXPECTED = "privateKey, serverCertificate, caCertificate (optional),"
        + " privateKeyPassword (optional)";

    static Map<String, byte[]> parts(ObjectMapper json, Request request) throws ApiError {
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
        String base = type.split(";", 2)[0].trim();
        boolean multipart = base.equals("multipart/form-data");
        if (!multipart && !base.equals("application/json")) {
            throw new ApiError(415, "Content-Type must be multipart/form-data or application/json, not "
                + (request.contentType() == null ? "none" : LogText.quoted(request.contentType())));
        }
        byte[] body = RequestBodies.bytes(request, RequestBodies.MAX_UPLOAD_BYTES);
        return multipart ? MultipartUpload.parts(request.contentType(), body) : json(json, body);
    }

    static Map<String, byte[]> json(ObjectMapper json, byte[] body) throws ApiError {
        JsonNode node = RequestBodies.parse(json, RequestBodies.utf8(body));
        if (!node.isObject()) {
            throw ApiError.badRequest("the upload must be an object of strings: " + EXPECTED);
        }
        Map<String, byte[]> parts = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (!FIELDS.contains(name)) {
                throw ApiError.badRequest("unknown field " + LogText.quoted(name) + "; expected " + EXPECTED);
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
