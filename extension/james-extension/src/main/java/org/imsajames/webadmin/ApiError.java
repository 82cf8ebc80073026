package org.imsajames.webadmin;

import java.util.List;
import java.util.Map;

/**
 * A refused request: its HTTP status, the message for the admin and, for list problems, one item per entry or
 * line ({@code index}/{@code line}, {@code entry}, {@code message}). Thrown before anything is written, so a refused
 * request changes nothing.
 */
final class ApiError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<Map<String, Object>> errors;

    ApiError(int status, String message) {
        this(status, message, List.of());
    }

    ApiError(int status, String message, List<Map<String, Object>> errors) {
        super(message, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    int status() {
        return status;
    }

    List<Map<String, Object>> errors() {
        return errors;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }
}
