package org.imsajames.smtp;

import java.util.Collections;
import java.util.List;

import org.apache.james.protocols.api.Response;

/**
 * "Carry on" from a connect handler: writes nothing and keeps the session open.
 *
 * <p>James 3.8.1 lets a ConnectHandler return {@code null} for that, but with {@code enableJmx} (the default) its
 * JMX connect statistics dereference the response and the client then gets a 451 for every connection. An empty
 * response is written as zero bytes and counted correctly.
 */
final class SilentResponse implements Response {
    static final Response INSTANCE = new SilentResponse();

    private SilentResponse() {
    }

    @Override
    public String getRetCode() {
        return "";
    }

    @Override
    public List<CharSequence> getLines() {
        return Collections.emptyList();
    }

    @Override
    public boolean isEndSession() {
        return false;
    }

    @Override
    public String toString() {
        return "(no response: connection accepted)";
    }
}
