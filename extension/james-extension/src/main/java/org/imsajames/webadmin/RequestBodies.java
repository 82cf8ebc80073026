package org.imsajames.webadmin;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.imsajames.policy.LogText;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.Request;

/** Request bodies checked before anything is parsed: content type (415), size (413), UTF-8 and JSON depth (400). */
final class RequestBodies {
    /** A million entries of a list, as JSON or as a list file, fit; more is refused before it is parsed. */
    static final int MAX_LIST_BYTES = 64 * 1024 * 1024;
    static final int MAX_UPLOAD_BYTES = 1024 * 1024;
    static final int MAX_JSON_DEPTH = 16;

    private RequestBodies() {
    }

    static void requireType(Request request, String expected) throws ApiError {
        String type = request.contentType();
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals(expected)) {
            throw new ApiError(415, "Content-Type must be " + expected + ", not "
                + (type == null ? "none" : LogText.quoted(type)));
        }
    }

    static byte[] bytes(Request request, int max) throws ApiError {
        long declared = request.contentLength();
        if (declared > max) {
            throw new ApiError(413, "the body is " + declared + " bytes; at most " + max + " are accepted");
        }
        byte[] body = request.bodyAsBytes();
        if (body == null) {
            return new byte[0];
        }
        if (body.length > max) {
            throw new ApiError(413, "the body is " + body.length + " bytes; at most " + max + " are accepted");
        }
        return body;
    }

    static String utf8(byte[] body) throws ApiError {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("the body is not UTF-8 text");
        }
    }

    static JsonNode json(ObjectMapper mapper, Request request) throws ApiError {
        requireType(request, "application/json");
        return parse(mapper, utf8(bytes(request, MAX_LIST_BYTES)));
    }

    static JsonNode parse(ObjectMapper mapper, String text) throws ApiError {
        return parse(mapper, text, true);
    }

    /**
     * QUOTE false: a parse error says only where, not what the parser saw (Jackson's message quotes the token, which
     * in an upload can be key material; the reply would carry it, and James logs every reply's body).
     */
    static JsonNode parse(ObjectMapper mapper, String text, boolean quote) throws ApiError {
        requireShallow(text);
        try {
            JsonParser parser = mapper.getFactory().createParser(text);
            parser.disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);
            JsonNode node = mapper.readTree(parser);
            if (node == null || parser.nextToken() != null) {
                throw ApiError.badRequest("malformed JSON: " + (node == null ? "empty body" : "more than one value"));
            }
            return node;
        } catch (JsonProcessingException e) {
            if (!quote) {
                com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
                throw ApiError.badRequest("malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + " (the text there is not quoted: it may be key material)");
            }
            throw ApiError.badRequest("malformed JSON: " + LogText.escaped(cut(e.getOriginalMessage())));
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("malformed JSON");
        }
    }

    /** Nesting deeper than any of our bodies needs is refused before a parser sees it. */
    private static void requireShallow(String text) throws ApiError {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_JSON_DEPTH) {
                    throw ApiError.badRequest("malformed JSON: nested deeper than " + MAX_JSON_DEPTH + " levels");
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
    }

    private static String cut(String message) {
        if (message == null) {
            return "";
        }
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
