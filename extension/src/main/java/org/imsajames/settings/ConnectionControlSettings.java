package org.imsajames.settings;

import java.nio.file.Path;
import java.util.List;

import org.imsajames.policy.PolicyMode;

/** IMSA's "Connection Control": the policy and its entries, as written (parsed later by the policy model). */
public final class ConnectionControlSettings {
    private final PolicyMode policy;
    private final List<Located<String>> entries;
    private final List<Located<Path>> importFiles;

    public ConnectionControlSettings(PolicyMode policy, List<Located<String>> entries,
                                     List<Located<Path>> importFiles) {
        this.policy = policy;
        this.entries = List.copyOf(entries);
        this.importFiles = List.copyOf(importFiles);
    }

    public PolicyMode policy() {
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
