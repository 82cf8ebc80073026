package org.imsajames.webadmin;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the certificate upload's body (a private key, its password) out of James 3.8.1's WebAdmin request log.
 * James's {@code LoggingRequestFilter} logs every request's body in the MDC field {@code request-body}, and skips it
 * only through a {@code RequestLogger} bound in James's own injector, which an extension cannot reach. So, when the
 * routes are made (before WebAdmin serves a request), a logback TurboFilter that denies exactly that line for our
 * upload route is installed and kept after every logback reset ({@link SecretBodyTurboFilter}).
 *
 * <p>Never fail open: with another logging backend the filter cannot be installed, so the upload route answers 503
 * with {@link #reason()} rather than let a key reach the log.
 */
final class RequestBodyLogGuard {
    private static final Logger LOGGER = LoggerFactory.getLogger(RequestBodyLogGuard.class);
    static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private final String reason;

    private RequestBodyLogGuard(String reason) {
        this.reason = reason;
    }

    /** Installs the filter into James's logging backend. */
    static RequestBodyLogGuard install() {
        return install(LoggerFactory.getILoggerFactory());
    }

    static RequestBodyLogGuard install(ILoggerFactory backend) {
        String refusal = refusalFor(backend);
        if (refusal != null) {
            LOGGER.warn("Connections screen: the certificate upload is off: {}", refusal);
        }
        return new RequestBodyLogGuard(refusal);
    }

    private static String refusalFor(ILoggerFactory backend) {
        String name = backend == null ? "none" : backend.getClass().getName();
        if (!LOGBACK_CONTEXT.equals(name)) {
            return "the logging backend is " + name + ", not logback, so James's WebAdmin request log would carry"
                + " the private key and its password; run James with logback (its default)";
        }
        try {
            LogbackInstall.into(backend);
            return null;
        } catch (LinkageError | RuntimeException e) {
            return "the logback filter that keeps the private key out of James's WebAdmin request log could not be"
                + " installed (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** True when the upload's body never reaches James's request log. */
    boolean active() {
        return reason == null;
    }

    String reason() {
        return reason;
    }

    /** 503 with the reason when the filter is not in place: the route must not read a key James would log. */
    void requireActive() throws ApiError {
        if (reason != null) {
            throw new ApiError(503, "the certificate upload is off: " + reason + "; nothing was changed");
        }
    }

    /** The only place that names a logback type, so this class loads with any backend. */
    private static final class LogbackInstall {
        static void into(ILoggerFactory backend) {
            SecretBodyTurboFilter.installInto((ch.qos.logback.classic.LoggerContext) backend);
        }
    }
}
