package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** A real logback context (not James's: a fresh one), its events caught by a list appender. */
class SecretBodyTurboFilterTest {
    private static final String UPLOAD = "http://127.0.0.1:8000/imsa/connections/tls/certificate";
    private static final String LIST = "http://127.0.0.1:8000/imsa/connections/connection-control";

    LoggerContext context;
    ListAppender<ILoggingEvent> caught;

    @BeforeEach
    void context() {
        context = new LoggerContext();
        context.start();
        attachAppender();
    }

    private void attachAppender() {
        caught = new ListAppender<>();
        caught.setContext(context);
        caught.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(caught);
    }

    @Test
    void jamessRequestLineForTheUploadIsDeniedAndEveryOtherLineKept() {
        SecretBodyTurboFilter.installInto(context);

        logRequest(UPLOAD, "-----BEGIN ENCRYPTED PRIVATE KEY-----");
        logRequest(LIST, "{\"entries\":[\"10.0.0.1\"]}");
        context.getLogger("org.imsajames.webadmin.UploadRequestLogLine").info("our own line");
        withEndpoint(UPLOAD, () -> context.getLogger("org.apache.james.Other").info("another logger"));

        assertThat(messages()).containsExactly("WebAdmin request received " + LIST, "our own line",
            "another logger");
    }

    @Test
    void theFilterComesBackAfterEveryResetAndIsNeverThereTwice() {
        SecretBodyTurboFilter.installInto(context);
        SecretBodyTurboFilter.installInto(context);
        for (int reset = 0; reset < 3; reset++) {
            context.reset(); // what a JoranConfigurator and logback's scan do first
            attachAppender();
            logRequest(UPLOAD, "-----BEGIN ENCRYPTED PRIVATE KEY-----");
            logRequest(LIST, "{}");
            assertThat(messages()).containsExactly("WebAdmin request received " + LIST);
            assertThat(context.getTurboFilterList()).hasSize(1);
        }
    }

    @Test
    void theDeniedLinesBodyIsKeptForThatRequestOnlyAndOnce() {
        SecretBodyTurboFilter.installInto(context);
        try (MDC.MDCCloseable id = MDC.putCloseable("requestId", "id-1")) {
            logRequest(UPLOAD, "--b\r\nthe body\r\n--b--\r\n");
        }
        assertThat(CapturedUploadBody.take("id-2")).isNull(); // another request's id: nothing, and it is gone
        try (MDC.MDCCloseable id = MDC.putCloseable("requestId", "id-3")) {
            logRequest(UPLOAD, "the body");
        }
        assertThat(CapturedUploadBody.take("id-3")).isEqualTo("the body");
        assertThat(CapturedUploadBody.take("id-3")).isNull();
        try (MDC.MDCCloseable id = MDC.putCloseable("requestId", "id-4")) {
            logRequest(UPLOAD, "the body");
            logRequest(LIST, "{}"); // the thread's next request: the earlier body is dropped
        }
        assertThat(CapturedUploadBody.take("id-4")).isNull();
    }

    @Test
    void theBodyIsHandedOverEvenWhenJamessRequestLoggerIsOff() {
        SecretBodyTurboFilter.installInto(context);
        context.getLogger(SecretBodyTurboFilter.JAMES_REQUEST_LOGGER).setLevel(ch.qos.logback.classic.Level.OFF);
        try (MDC.MDCCloseable id = MDC.putCloseable("requestId", "id-5")) {
            logRequest(UPLOAD, "the body"); // turbo filters are asked before the level
        }
        assertThat(CapturedUploadBody.take("id-5")).isEqualTo("the body");
    }

    @Test
    void withoutTheFilterTheLineIsWritten() {
        logRequest(UPLOAD, "-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(messages()).containsExactly("WebAdmin request received " + UPLOAD);
    }

    @Test
    void anotherBackendTurnsTheUploadOffWithTheReason() {
        RequestBodyLogGuard guard = RequestBodyLogGuard.install(name -> null);
        assertThat(guard.active()).isFalse();
        assertThat(guard.reason()).contains("not logback");
        try {
            guard.requireActive();
            throw new AssertionError("no refusal");
        } catch (ApiError e) {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("not logback").contains("nothing was changed");
        }
        RequestBodyLogGuard logback = RequestBodyLogGuard.install(context);
        assertThat(logback.active()).isTrue();
        assertThat(SecretBodyTurboFilter.installedIn(context)).isTrue();
    }

    private void logRequest(String endpoint, String body) {
        Logger james = context.getLogger(SecretBodyTurboFilter.JAMES_REQUEST_LOGGER);
        try (MDC.MDCCloseable e = MDC.putCloseable("endpoint", endpoint);
             MDC.MDCCloseable b = MDC.putCloseable("request-body", body)) {
            james.info("WebAdmin request received " + endpoint);
        }
    }

    private static void withEndpoint(String endpoint, Runnable log) {
        try (MDC.MDCCloseable e = MDC.putCloseable("endpoint", endpoint)) {
            log.run();
        }
    }

    private List<String> messages() {
        return caught.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }
}
