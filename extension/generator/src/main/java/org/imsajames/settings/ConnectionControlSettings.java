package org.imsajames.settings;

import java.nio.file.Path;
import java.util.List;

import org.imsajames.policy.PolicyMode;

/** IMSA's "Connection Control": the policy and its entries, as written (parsed later by the policy model). */
public final class ConnectionControlSettings {
    private final PolicyMode policy;
    private final List<Located<String>> entries;
    private final List<Located<Path>> importFiles;
    private final int maxEntries;

    public ConnectionControlSettings(PolicyMode policy, List<Located<String>> entries,
                                     List<Located<Path>> importFiles, int maxEntries) {
        this.policy = policy;
        this.entries = List.copyOf(entries);
        this.importFiles = List.copyOf(importFiles);
        this.maxEntries = maxEntries;
    }

    /** More distinct entries than this (inline and imported together) are refused: a bound on time and memory. */
    public int maxEntries() {
        return maxEntries;
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
