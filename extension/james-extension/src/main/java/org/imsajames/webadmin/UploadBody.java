package org.imsajames.webadmin;

import java.nio.charset.Charset;
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
 * each part a PEM file, or a DER file in base64 (raw DER only where it survives James's reading the body as text).
 * Or as a JSON object of strings: a PEM file's text, or a DER file in base64.
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
        if (multipart) {
            return MultipartUpload.parts(request.contentType(), multipartBody(request));
        }
        CapturedUploadBody.forget(); // Spark cached this body; what James's log line held is not needed
        return json(json, RequestBodies.bytes(request, RequestBodies.MAX_UPLOAD_BYTES));
    }

    /**
     * The multipart body as James's request logging read it ({@link CapturedUploadBody}): text decoded as Spark
     * decodes it (the request's charset, else the JVM's), so it is encoded back the same way, and refused when that
     * decoding lost bytes (a DER file in a charset it is not text of) rather than parsed altered.
     */
    private static byte[] multipartBody(Request request) throws ApiError {
        long declared = request.contentLength();
        String captured = CapturedUploadBody.take(requestId(request));
        if (declared > RequestBodies.MAX_UPLOAD_BYTES) {
            throw new ApiError(413, "the body is " + declared + " bytes; at most " + RequestBodies.MAX_UPLOAD_BYTES
                + " are accepted");
        }
        byte[] cached = request.bodyAsBytes();
        if (cached != null && cached.length > 0) {
            return RequestBodies.bytes(request, RequestBodies.MAX_UPLOAD_BYTES);
        }
        if (captured == null) {
            if (declared == 0) {
                return new byte[0];
            }
            throw new ApiError(503, "the multipart body did not reach this route (James's request logging read it"
                + " first and the log filter did not see it); send the upload as application/json");
        }
        Charset charset = sparkCharset(request);
        byte[] body = captured.getBytes(charset);
        if (body.length > RequestBodies.MAX_UPLOAD_BYTES) {
            throw new ApiError(413, "the body is " + body.length + " bytes; at most " + RequestBodies.MAX_UPLOAD_BYTES
                + " are accepted");
        }
        if (captured.indexOf('\uFFFD') >= 0 || (declared >= 0 && body.length != declared)) {
            throw ApiError.badRequest("a part holds bytes that are not " + charset.name() + " text (a DER file?):"
                + " James 3.8.1 reads a multipart body as text before this route does; send the file as PEM or"
                + " base64, or the upload as application/json");
        }
        return body;
    }

    private static String requestId(Request request) {
        Object id = request.attribute(org.apache.james.webadmin.mdc.LoggingRequestFilter.REQUEST_ID);
        return id instanceof org.apache.james.webadmin.mdc.RequestId
            ? ((org.apache.james.webadmin.mdc.RequestId) id).asString() : null;
    }

    /** What {@code spark.Request.body()} decodes with (Spark's StringUtils.toString). */
    private static Charset sparkCharset(Request request) {
        String name = request.raw().getCharacterEncoding();
        try {
            if (name != null && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        } catch (IllegalArgumentException e) {
            // an illegal name: Spark fell back to the JVM's charset too
        }
        return Charset.defaultCharset();
    }

    /** A file part: PEM text or DER bytes as they are; base64 text (no armour) decoded, as in the JSON form. */
    static byte[] fileContent(String name, byte[] content) throws ApiError {
        if (name.equals("privateKeyPassword") || content.length == 0) {
            return content;
        }
        for (byte b : content) {
            boolean base64 = b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+'
                || b == '/' || b == '=' || b == '\r' || b == '\n';
            if (!base64) {
                return content;
            }
        }
        return base64(name, new String(content, StandardCharsets.US_ASCII));
    }

    static Map<String, byte[]> json(ObjectMapper json, byte[] body) throws ApiError {
        JsonNode node = RequestBodies.parse(json, RequestBodies.utf8(body), false);
        if (!node.isObject()) {
            throw ApiError.badRequest("the upload must be an object of strings: " + EXPECTED);
        }
        Map<String, byte[]> parts = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        int number = 0;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            number++;
            if (!FIELDS.contains(name)) {
                // Its name is not quoted: it could be anything the client put there, a key's text too.
                throw ApiError.badRequest("field " + number + " has an unknown name; expected " + EXPECTED);
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
