package org.imsajames.generator;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.imsajames.policy.ListEntry;
import org.imsajames.settings.ImsaSettings;
import org.imsajames.tls.TlsMaterial;

/** Settings whose entries, list files and TLS files were all read and accepted, with what ops should be told. */
public final class CheckedSettings {
    private final ImsaSettings settings;
    private final Set<String> connectionControlEntries;
    private final List<ListEntry> relaySenders;
    private final List<ListEntry> trustedProxies;
    private final TlsMaterial tlsMaterial;
    private final List<String> warnings;

    CheckedSettings(ImsaSettings settings, Set<String> connectionControlEntries, List<ListEntry> relaySenders,
                    List<ListEntry> trustedProxies, TlsMaterial tlsMaterial, List<String> warnings) {
        this.settings = settings;
        this.connectionControlEntries = Collections.unmodifiableSet(connectionControlEntries);
        this.relaySenders = List.copyOf(relaySenders);
        this.trustedProxies = List.copyOf(trustedProxies);
        this.tlsMaterial = tlsMaterial;
        this.warnings = List.copyOf(warnings);
    }

    public ImsaSettings settings() {
        return settings;
    }

    /**
     * Canonical CIDRs: inline entries then each import file's, in order, duplicates (same network) removed. Only
     * the canonical text is kept, so a million entries cost tens of MB, not hundreds.
     */
    public Set<String> connectionControlEntries() {
        return connectionControlEntries;
    }

    public List<ListEntry> relaySenders() {
        return relaySenders;
    }

    /** Empty unless smtpInterface.proxyRequired. */
    public List<ListEntry> trustedProxies() {
        return trustedProxies;
    }

    /** Present exactly when incoming TLS is enabled. */
    public Optional<TlsMaterial> tlsMaterial() {
        return Optional.ofNullable(tlsMaterial);
    }

    /** The first 20 warnings, then one line counting the rest. */
    public List<String> warnings() {
        return warnings;
    }
}
