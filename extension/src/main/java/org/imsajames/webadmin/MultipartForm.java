package org.imsajames.webadmin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A multipart/form-data body (RFC 7578) parsed from bytes already read and bounded: part name to content. The
 * parts' file names are ignored (odd names never reach a path); only the known field names are accepted.
 * Parsed here rather than by the servlet container because James's request logging has already consumed the
 * body by the time a route runs.
 */
final class MultipartForm {
    static final Set<String> FIELDS = Set.of("privateKey", "serverCertificate", "caCertificate", "privateKeyPassword");

    private MultipartForm() {
    }

    static Map<String, byte[]> parse(String contentType, byte[] body) throws ApiError {
        String boundary = boundary(contentType);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            throw ApiError.badRequest("multipart body without its boundary");
        }
        while (true) {
            int after = position + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                break; // the closing delimiter
            }
            int headersStart = skipLineBreak(body, after);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw ApiError.badRequest("malformed multipart body: a part without headers");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
            int contentStart = headersEnd + 4;
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), contentStart);
            if (next < 0) {
                throw ApiError.badRequest("malformed multipart body: a part is not closed");
            }
            String name = fieldName(headers);
            if (!FIELDS.contains(name)) {
                throw ApiError.badRequest("unknown form field " + org.imsajames.policy.LogText.quoted(name)
                    + "; expected privateKey, serverCertificate, caCertificate (optional), privateKeyPassword"
                    + " (optional)");
            }
            if (parts.containsKey(name)) {
                throw ApiError.badRequest("form field " + name + " given twice");
            }
            byte[] content = new byte[next - contentStart];
            System.arraycopy(body, contentStart, content, 0, content.length);
            parts.put(name, content);
            position = next + 2;
        }
        return parts;
    }

    private static String boundary(String contentType) throws ApiError {
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = trimmed.substring("boundary=".length());
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (value.isEmpty() || value.length() > 70) {
                    break;
                }
                return value;
            }
        }
        throw ApiError.badRequest("multipart/form-data without a valid boundary parameter");
    }

    private static String fieldName(String headers) throws ApiError {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                for (String parameter : line.split(";")) {
                    String trimmed = parameter.trim();
                    if (trimmed.startsWith("name=")) {
                        String value = trimmed.substring(5);
                        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                            value = value.substring(1, value.length() - 1);
                        }
                        return value;
                    }
                }
            }
        }
        throw ApiError.badRequest("malformed multipart body: a part without Content-Disposition name");
    }

    private static int skipLineBreak(byte[] body, int position) {
        if (position + 1 < body.length && body[position] == '\r' && body[position + 1] == '\n') {
            return position + 2;
        }
        return position;
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
