package org.imsajames.generator;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.imsajames.policy.ListEntry;
import org.imsajames.policy.PolicyMode;

/**
 * The normalised list the ConnectionControlHandler reads: one canonical CIDR a line, in the list-file
 * syntax, so the handler parses it with the same ListFile the generator checked it with.
 */
final class ConnectionControlListFile {
    private ConnectionControlListFile() {
    }

    static byte[] render(List<ListEntry> entries, PolicyMode policy, String settingsName) {
        StringBuilder text = new StringBuilder();
        text.append("# Written by imsa-james from ").append(settingsName)
                .append("; edit the settings and generate again rather than this file.\n");
        text.append("# policy ").append(policy.setting()).append(": these networks are ")
                .append(policy == PolicyMode.ACCEPT_ALL_EXCEPT ? "refused" : "the only ones accepted")
                .append(".\n");
        for (ListEntry entry : entries) {
            text.append(entry.canonical()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
