package org.imsajames.webadmin;

import java.util.Optional;

import org.apache.james.webadmin.authentication.AuthenticationFilter;
import org.apache.james.webadmin.mdc.LoggingRequestFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import spark.Request;

/**
 * The certificate upload's own "WebAdmin request received" line, in place of James's, which the
 * {@link RequestBodyLogGuard} suppresses: the same MDC fields as James's (and as its UserCreationRequestLogger),
 * without {@code request-body}.
 */
final class UploadRequestLogLine {
    private static final Logger LOGGER = LoggerFactory.getLogger(UploadRequestLogLine.class);

    private UploadRequestLogLine() {
    }

    static void log(Request request) {
        Object requestId = request.attribute(LoggingRequestFilter.REQUEST_ID);
        Object login = request.attribute(AuthenticationFilter.LOGIN);
        try (MDC.MDCCloseable id = MDC.putCloseable(LoggingRequestFilter.REQUEST_ID, requestId == null ? ""
                : requestId instanceof org.apache.james.webadmin.mdc.RequestId
                ? ((org.apache.james.webadmin.mdc.RequestId) requestId).asString() : requestId.toString());
             MDC.MDCCloseable ip = MDC.putCloseable(LoggingRequestFilter.IP, request.ip());
             MDC.MDCCloseable endpoint = MDC.putCloseable(LoggingRequestFilter.ENDPOINT, request.url());
             MDC.MDCCloseable method = MDC.putCloseable(LoggingRequestFilter.METHOD, request.requestMethod());
             MDC.MDCCloseable user = MDC.putCloseable(AuthenticationFilter.LOGIN,
                 Optional.ofNullable(login).map(Object::toString).orElse(""))) {
            String type = request.contentType() == null ? "no Content-Type" : request.contentType().split(";", 2)[0];
            LOGGER.info("WebAdmin request received: certificate upload (body not logged: it holds a private key),"
                + " as {}", org.imsajames.policy.LogText.of(type.trim()));
        }
    }
}
