package org.imsajames.webadmin;

import java.util.Map;

/**
 * Incoming TLS on or off and the outgoing TLS mode live in smtpserver.xml and mailetcontainer.xml, which James
 * 3.8.1 reads only at start and which {@code imsa-james generate} writes from the settings. The screen shows them;
 * a PUT that repeats them is fine, one that changes them is refused with where to change them (nothing is saved).
 */
final class RestartOnlyTls {
    private RestartOnlyTls() {
    }

    static void requireUnchanged(Snapshot current, Boolean incomingEnabled, Boolean outgoingEnabled,
            String outgoingMode) throws ApiError {
        if (incomingEnabled != null && incomingEnabled != current.smtp().startTls()) {
            throw refused("tls.incoming.enabled");
        }
        Map<String, Object> outgoing = OutgoingTls.read(current.folder());
        if (outgoingEnabled != null && !outgoingEnabled.equals(outgoing.get("enabled"))) {
            throw refused("tls.outgoing.enabled");
        }
        if (outgoingMode != null && !outgoingMode.equals(outgoing.get("mode"))) {
            throw refused("tls.outgoing.mode");
        }
    }

    private static ApiError refused(String key) {
        return ApiError.badRequest(key + " is read by James 3.8.1 only at start and is written into smtpserver.xml"
            + " and mailetcontainer.xml by imsa-james generate: change it in the settings, run generate --update and"
            + " restart James; nothing was changed");
    }
}
