package org.imsajames.settings;

import java.nio.file.Path;
import java.util.List;

/** IMSA's "Connection Control": the policy and its entries, as written (parsed later by the policy model). */
public final class ConnectionControlSettings {
    private final Located<String> policy;
    private final List<Located<String>> entries;
    private final List<Located<Path>> importFiles;

    public ConnectionControlSettings(Located<String> policy, List<Located<String>> entries,
                                     List<Located<Path>> importFiles) {
        this.policy = policy;
        this.entries = List.copyOf(entries);
        this.importFiles = List.copyOf(importFiles);
    }

    /** "accept-all-except" (a deny list) or "deny-all-except" (a permit list). */
    public Located<String> policy() {
        return policy;
    }

    public List<Located<String>> entries() {
        return entries;
    }

    /** Absolute paths (relative ones are resolved against the settings file's folder). */
    public List<Located<Path>> importFiles() {
        return importFiles;
    }
}
