package org.imsajames.smtp;

import java.util.Collections;
import java.util.List;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPRetCode;

/**
 * "Carry on" from a connect handler: writes nothing and keeps the session open.
 *
 * <p>James 3.8.1 lets a ConnectHandler return {@code null} for that, but with {@code enableJmx} (the default) its
 * JMX connect statistics dereference the response and the client then gets a 451 for every connection. An empty
 * response is written as zero bytes and counted correctly. Its code is 220 ("service ready", what the
 * client is about to hear from James's greeting) because JMX statistics of handlers that also handle commands
 * read the code's first digit.
 */
final class SilentResponse implements Response {
    static final Response INSTANCE = new SilentResponse();

    private SilentResponse() {
    }

    @Override
    public String getRetCode() {
        return SMTPRetCode.SERVICE_READY;
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
