package org.imsajames.webadmin;

import org.slf4j.MDC;
import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Denies exactly one kind of event: James 3.8.1's "WebAdmin request received" line ({@code LoggingRequestFilter}'s
 * logger) for a route of ours whose body can hold a secret ({@link SecretBodyRoutes}, by the MDC field
 * {@code endpoint} James sets with the body in {@code request-body}). Every other event, James's line for our other
 * routes included, is left to the configuration. The denied line's body is what the upload route reads (Spark keeps
 * no multipart body for it): see {@link CapturedUploadBody}.
 *
 * <p>Only this class and {@link Reinstaller} name logback: they are loaded only when the backend is logback.
 */
final class SecretBodyTurboFilter extends TurboFilter {
    /** {@code org.apache.james.webadmin.mdc.LoggingRequestFilter.LOGGER}'s name. */
    static final String JAMES_REQUEST_LOGGER = "org.apache.james.webadmin.mdc.LoggingRequestFilter";
    static final String ENDPOINT_MDC_KEY = "endpoint";
    static final String REQUEST_ID_MDC_KEY = "requestId";
    static final String REQUEST_BODY_MDC_KEY = "request-body";
    static final String NAME = "imsa-james: no secret request body in WebAdmin's request log";

    SecretBodyTurboFilter() {
        setName(NAME);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !JAMES_REQUEST_LOGGER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        CapturedUploadBody.forget();
        if (!SecretBodyRoutes.holdsSecret(MDC.get(ENDPOINT_MDC_KEY))) {
            return FilterReply.NEUTRAL;
        }
        CapturedUploadBody.keep(MDC.get(REQUEST_ID_MDC_KEY), MDC.get(REQUEST_BODY_MDC_KEY));
        return FilterReply.DENY;
    }

    /** Adds the filter to CONTEXT once, and again after every reset (a reconfiguration, logback's scan). */
    static void installInto(LoggerContext context) {
        Reinstaller reinstaller = new Reinstaller();
        synchronized (SecretBodyTurboFilter.class) {
            boolean listening = context.getCopyOfListenerList().stream().anyMatch(Reinstaller.class::isInstance);
            if (!listening) {
                context.addListener(reinstaller);
            }
            reinstaller.ensure(context);
        }
    }

    static boolean installedIn(LoggerContext context) {
        return context.getTurboFilterList().stream().anyMatch(SecretBodyTurboFilter.class::isInstance);
    }

    /**
     * {@code LoggerContext.reset()} clears the turbo filters and then calls {@link #onReset}, so the filter is back
     * before a configurator attaches any appender (the reset has detached them all): no event is written without it.
     */
    static final class Reinstaller implements LoggerContextListener {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onStart(LoggerContext context) {
            ensure(context);
        }

        @Override
        public void onReset(LoggerContext context) {
            ensure(context);
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }

        void ensure(LoggerContext context) {
            synchronized (SecretBodyTurboFilter.class) {
                if (!installedIn(context)) {
                    SecretBodyTurboFilter filter = new SecretBodyTurboFilter();
                    filter.setContext(context);
                    filter.start();
                    context.addTurboFilter(filter);
                }
            }
        }
    }
}
