package org.imsajames.generator;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imsajames.policy.EntryParser;
import org.imsajames.policy.InvalidEntryException;
import org.imsajames.policy.ListEntry;
import org.imsajames.policy.ListFile;
import org.imsajames.policy.ListFileException;
import org.imsajames.policy.PolicyMode;
import org.imsajames.settings.ImsaSettings;
import org.imsajames.settings.IncomingTlsSettings;
import org.imsajames.settings.Located;
import org.imsajames.settings.Secret;
import org.imsajames.settings.SettingsException;
import org.imsajames.tls.TlsMaterial;
import org.imsajames.tls.TlsMaterialException;
import org.imsajames.tls.TlsMaterialLoader;

/**
 * Everything {@code check} verifies and {@code generate} needs: entries parsed by the policy model, list
 * files read, key and certificates loaded and matched. Refusals are {@link SettingsException}s naming the
 * file and line; doubtful-but-usable input becomes a warning.
 */
public final class SettingsChecker {
    private final Clock clock;

    public SettingsChecker(Clock clock) {
        this.clock = clock;
    }

    public CheckedSettings check(ImsaSettings settings) throws SettingsException {
        List<String> warnings = new ArrayList<>();
        List<ListEntry> connectionControl = new ArrayList<>(
                inlineEntries(settings.connectionControl().entries(), "connectionControl.entries", warnings));
        for (Located<Path> file : settings.connectionControl().importFiles()) {
            connectionControl.addAll(importedEntries(file, warnings));
        }
        connectionControl = withoutDuplicates(connectionControl);
        if (connectionControl.isEmpty() && settings.connectionControl().policy() == PolicyMode.DENY_ALL_EXCEPT) {
            warnings.add(settings.file() + ": connectionControl: " + PolicyMode.DENY_ALL_EXCEPT.setting()
                    + " with an empty list refuses every client");
        }
        List<ListEntry> relaySenders = withoutDuplicates(
                inlineEntries(settings.permittedRelaySenders(), "relay.permittedSenders", warnings));
        TlsMaterial tlsMaterial = null;
        if (settings.incomingTls().enabled()) {
            tlsMaterial = tlsMaterial(settings.incomingTls());
            warnings.addAll(tlsMaterial.warnings());
        }
        return new CheckedSettings(settings, connectionControl, relaySenders, tlsMaterial, warnings);
    }

    private static List<ListEntry> inlineEntries(List<Located<String>> written, String keyPath, List<String> warnings)
            throws SettingsException {
        List<ListEntry> entries = new ArrayList<>();
        for (Located<String> text : written) {
            try {
                entries.add(warnIfHostBits(EntryParser.parse(text.value(), text.origin()), warnings));
            } catch (InvalidEntryException e) {
                throw new SettingsException(text.origin(), keyPath + ": " + e.getMessage());
            }
        }
        return entries;
    }

    private static List<ListEntry> importedEntries(Located<Path> file, List<String> warnings) throws SettingsException {
        try {
            List<ListEntry> entries = ListFile.read(file.value());
            for (ListEntry entry : entries) {
                warnIfHostBits(entry, warnings);
            }
            return entries;
        } catch (ListFileException e) {
            throw new SettingsException(e.getMessage() + " (imported at " + file.origin() + ")", e);
        }
    }

    private static ListEntry warnIfHostBits(ListEntry entry, List<String> warnings) {
        if (entry.hostBitsSet()) {
            warnings.add(entry.origin() + ": '" + entry.source() + "' has host bits set; it means "
                    + entry.canonical());
        }
        return entry;
    }

    /** The same network listed twice (inline and in a file, say) is written once. */
    private static List<ListEntry> withoutDuplicates(List<ListEntry> entries) {
        Map<String, ListEntry> unique = new LinkedHashMap<>();
        for (ListEntry entry : entries) {
            unique.putIfAbsent(entry.canonical(), entry);
        }
        return new ArrayList<>(unique.values());
    }

    private TlsMaterial tlsMaterial(IncomingTlsSettings incoming) throws SettingsException {
        Located<Path> key = incoming.privateKey().orElseThrow();
        Optional<Secret> password = incoming.privateKeyPassword();
        try {
            return new TlsMaterialLoader(clock).load(key.value(),
                    password.isPresent() ? password.get().toCharArray() : null,
                    incoming.serverCertificate().orElseThrow().value(),
                    incoming.caCertificate().isPresent() ? incoming.caCertificate().get().value() : null);
        } catch (TlsMaterialException e) {
            throw new SettingsException(key.origin(), "tls.incoming: " + e.getMessage());
        }
    }
}
