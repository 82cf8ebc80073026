package org.imsajames.generator;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

import org.imsajames.policy.PolicyMode;

/**
 * The list the ConnectionControlHandler watches, carrying its mode with the entries so that both change together:
 * "#! policy MODE", then "#! entries N" (a list holding fewer entries is incomplete and not applied), then one
 * canonical CIDR a line.
 */
final class ConnectionControlListFile {
    private ConnectionControlListFile() {
    }

    static byte[] render(Collection<String> canonicalEntries, PolicyMode policy, String settingsName) {
        StringBuilder text = new StringBuilder(64 + canonicalEntries.size() * 20);
        text.append("# Written by imsa-james from ").append(settingsName)
                .append("; edit the settings and generate again rather than this file.\n");
        text.append("# ").append(policy == PolicyMode.ACCEPT_ALL_EXCEPT ? "These networks are refused."
                : "Only these networks are accepted.").append('\n');
        text.append("#! policy ").append(policy.setting()).append('\n');
        text.append("#! entries ").append(canonicalEntries.size()).append('\n');
        for (String entry : canonicalEntries) {
            text.append(entry).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
