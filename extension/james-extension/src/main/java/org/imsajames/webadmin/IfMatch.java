package org.imsajames.webadmin;

/** The version an If-Match header names: {@code "ID"} (or W/"ID"); without one a change is refused with 428. */
final class IfMatch {
    private IfMatch() {
    }

    static String version(String header) throws ApiError {
        if (header == null || header.isBlank()) {
            throw new ApiError(428, "If-Match is required: send the ETag of the state you changed");
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    static String etag(String version) {
        return "\"" + version + "\"";
    }
}
