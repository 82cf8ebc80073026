package org.imsajames.generator;

import java.util.List;
import java.util.Optional;

import org.imsajames.policy.ListEntry;
import org.imsajames.settings.ImsaSettings;
import org.imsajames.tls.TlsMaterial;

/** Settings whose entries, list files and TLS files were all read and accepted, with what ops should be told. */
public final class CheckedSettings {
    private final ImsaSettings settings;
    private final List<ListEntry> connectionControlList;
    private final List<ListEntry> relaySenders;
    private final TlsMaterial tlsMaterial;
    private final List<String> warnings;

    CheckedSettings(ImsaSettings settings, List<ListEntry> connectionControlList, List<ListEntry> relaySenders,
                    TlsMaterial tlsMaterial, List<String> warnings) {
        this.settings = settings;
        this.connectionControlList = List.copyOf(connectionControlList);
        this.relaySenders = List.copyOf(relaySenders);
        this.tlsMaterial = tlsMaterial;
        this.warnings = List.copyOf(warnings);
    }

    public ImsaSettings settings() {
        return settings;
    }

    /** Inline entries then each import file's, in order, duplicates (same network) removed. */
    public List<ListEntry> connectionControlList() {
        return connectionControlList;
    }

    public List<ListEntry> relaySenders() {
        return relaySenders;
    }

    /** Present exactly when incoming TLS is enabled. */
    public Optional<TlsMaterial> tlsMaterial() {
        return Optional.ofNullable(tlsMaterial);
    }

    public List<String> warnings() {
        return warnings;
    }
}
