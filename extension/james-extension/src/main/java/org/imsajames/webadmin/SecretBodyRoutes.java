package org.imsajames.webadmin;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Which of our routes take a body that can hold a secret: only the certificate upload (the private key and its
 * password). James 3.8.1's WebAdmin request log must not carry their body; see {@link RequestBodyLogGuard}.
 *
 * <p>James logs the request's URL as it came ({@code request.url()}: not decoded, with any {@code ;param}), while
 * Jetty routes on the decoded, normalised path. So the URL is decoded and normalised here the way Jetty does it, and
 * compared without regard to case: a spelling that could reach the upload route is always recognised; in doubt (a
 * URL that cannot be read) the answer is yes.
 */
final class SecretBodyRoutes {
    static final String CERTIFICATE_UPLOAD = ConnectionsRoutes.BASE_PATH + "/tls/certificate";

    private SecretBodyRoutes() {
    }

    static boolean holdsSecret(String url) {
        if (url == null) {
            return false;
        }
        String path = normalisedPath(url);
        if (path == null) {
            return true;
        }
        String upload = CERTIFICATE_UPLOAD.toLowerCase(Locale.ROOT);
        return path.equals(upload) || path.startsWith(upload + "/");
    }

    /** The URL's path, decoded, without path parameters, dot segments, repeated or trailing slashes; null if odd. */
    static String normalisedPath(String url) {
        String rest = url;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            int slash = rest.indexOf('/', scheme + 3);
            rest = slash < 0 ? "/" : rest.substring(slash);
        }
        int query = indexOfAny(rest, '?', '#');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        // Decoded until it no longer changes (at most three times), so that no encoding hides a slash or a name.
        for (int round = 0; round < 3; round++) {
            String decoded = decode(rest);
            if (decoded == null) {
                return null;
            }
            if (decoded.equals(rest)) {
                break;
            }
            rest = decoded;
        }
        java.util.Deque<String> segments = new java.util.ArrayDeque<>();
        for (String raw : rest.replace('\\', '/').split("/", -1)) {
            int parameters = raw.indexOf(';');
            String segment = parameters >= 0 ? raw.substring(0, parameters) : raw;
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(segment.toLowerCase(Locale.ROOT));
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    private static int indexOfAny(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        return first < 0 ? second : second < 0 ? first : Math.min(first, second);
    }

    /** Percent-decoding as UTF-8; null for a stray or malformed escape. */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int high = Character.digit(segment.charAt(i + 1), 16);
                int low = Character.digit(segment.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return new String(bytes.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
