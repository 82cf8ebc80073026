package org.imsajames.generator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imsajames.handlerconf.HandlerVocabulary;
import org.imsajames.settings.IncomingTlsEngineSetting;

/**
 * conf/jvm.properties, which James 3.8.1 loads into the system properties when it starts
 * ({@code org.apache.james.ExtraProperties#initialize}, called by every server's main, reading
 * {@code conf/jvm.properties} relative to James's working folder). We set only our keys: on update an operator's
 * other lines stay as they are, and a line of ours that is already there is changed where it stands.
 */
final class JvmProperties {
    static final String REJECT_CLIENT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";
    static final String MDC_HOSTNAME = "james.protocols.mdc.hostname";
    static final String INCOMING_TLS_ENGINE = HandlerVocabulary.INCOMING_TLS_ENGINE_PROPERTY;

    private JvmProperties() {
    }

    /** Our keys and values, in the order they are appended when missing. */
    static Map<String, String> ours(boolean reverseDnsLookup, IncomingTlsEngineSetting engine) {
        Map<String, String> values = new LinkedHashMap<>();
        // A client renegotiating over and over costs the server a handshake each time.
        values.put(REJECT_CLIENT_RENEGOTIATION, "true");
        // James looks up every client's host name for its log context: one reverse DNS query per connection,
        // refused ones included, unless this is false.
        values.put(MDC_HOSTNAME, String.valueOf(reverseDnsLookup));
        // Read by our handlers inside James: native crypto under the JDK's TLS, or the JDK's own.
        values.put(INCOMING_TLS_ENGINE, engine.settingValue());
        return values;
    }

    /** @param existing the operator's file on update, or null */
    static byte[] render(String existing, Map<String, String> ours) {
        List<String> lines = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>(ours);
        if (existing != null) {
            for (String line : existing.split("\n", -1)) {
                String key = keyOf(line);
                if (key != null && ours.containsKey(key)) {
                    if (missing.remove(key) != null) {
                        lines.add(key + "=" + ours.get(key));
                    }
                    // A second line for our key would win over ours when loaded: dropped.
                } else {
                    lines.add(line);
                }
            }
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
        } else {
            lines.add("# Written by imsa-james; James loads it into its system properties at start.");
            lines.add("# On generate --update, lines other than ours are kept.");
        }
        for (Map.Entry<String, String> entry : missing.entrySet()) {
            lines.add(entry.getKey() + "=" + entry.getValue());
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The key of a "key=value", "key: value" or "key value" line; null for comments, blanks and continuations. */
    private static String keyOf(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) {
            return null;
        }
        int end = 0;
        while (end < text.length() && "=: \t".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return text.substring(0, end);
    }
}
