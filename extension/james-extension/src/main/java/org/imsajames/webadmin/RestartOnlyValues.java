package org.imsajames.webadmin;

import java.util.List;
import java.util.Map;

import org.imsajames.generator.StartOnlyValues;

/**
 * The values of one generation that James 3.8.1 reads only at start ({@link StartOnlyValues}, shared with
 * generate): what pendingRestart lists and the audit record describes.
 */
final class RestartOnlyValues {
    private final Map<String, String> values;

    private RestartOnlyValues(Map<String, String> values) {
        this.values = values;
    }

    static RestartOnlyValues of(SmtpServerFacts smtp, OutgoingTls outgoing) {
        return new RestartOnlyValues(StartOnlyValues.of(smtp.hasServer() ? smtp.serverOrNull() : null,
            outgoing.level()));
    }

    /** The names whose value differs. */
    List<String> differingFrom(RestartOnlyValues other) {
        return StartOnlyValues.differing(values, other.values);
    }

    /** "smtpInterface.port 25 -> 2525", one per value that changed from BEFORE to this. */
    List<String> changesSince(RestartOnlyValues before) {
        return StartOnlyValues.changes(before.values, values);
    }
}
