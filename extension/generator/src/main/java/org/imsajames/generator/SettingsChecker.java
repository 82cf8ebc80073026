package org.imsajames.generator;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.imsajames.outgoing.MtaStsSetting;
import org.imsajames.policy.EntryParser;
import org.imsajames.policy.InvalidEntryException;
import org.imsajames.policy.ListEntry;
import org.imsajames.policy.PolicyMode;
import org.imsajames.settings.ImsaSettings;
import org.imsajames.settings.IncomingTlsSettings;
import org.imsajames.settings.Located;
import org.imsajames.settings.Printable;
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
        Warnings warnings = new Warnings();
        int maxEntries = settings.connectionControl().maxEntries();
        Set<String> connectionControl = new LinkedHashSet<>();
        for (ListEntry entry : inlineEntries(settings.connectionControl().entries(), "connectionControl.entries",
                warnings)) {
            connectionControl.add(entry.canonical());
        }
        if (connectionControl.size() > maxEntries) {
            throw new SettingsException(settings.file().toString(), "connectionControl.entries: more than "
                    + maxEntries + " entries (connectionControl.maxEntries)");
        }
        ImportFileReader imports = new ImportFileReader(connectionControl, maxEntries, warnings);
        for (Located<Path> file : settings.connectionControl().importFiles()) {
            imports.read(file);
        }
        if (connectionControl.isEmpty() && settings.connectionControl().policy() == PolicyMode.DENY_ALL_EXCEPT) {
            warnings.add(settings.file() + ": connectionControl: " + PolicyMode.DENY_ALL_EXCEPT.setting()
                    + " with an empty list refuses every client");
        }
        List<ListEntry> relaySenders = withoutDuplicates(
                inlineEntries(settings.permittedRelaySenders(), "relay.permittedSenders", warnings));
        List<ListEntry> trustedProxies = withoutDuplicates(
                inlineEntries(settings.smtpInterface().trustedProxies(), "smtpInterface.trustedProxies", warnings));
        if (!settings.smtpInterface().proxyRequired() && !trustedProxies.isEmpty()) {
            warnings.add(settings.file() + ": smtpInterface.trustedProxies is ignored: smtpInterface.proxyRequired"
                    + " is false");
            trustedProxies = List.of();
        }
        if (settings.smtpInterface().proxyRequired() && settings.smtpInterface().maxConnectionsPerIp() > 0) {
            warnings.add(settings.file() + ": smtpInterface.maxConnectionsPerIp " + settings.smtpInterface()
                    .maxConnectionsPerIp() + " with proxyRequired counts every connection through the proxy as one"
                    + " address: it caps the proxy as a whole; limit clients on the proxy and set 0 here");
        }
        if (settings.outgoingTls().gateway().isPresent() && settings.outgoingTls().mtaSts() == MtaStsSetting.ENFORCE) {
            warnings.add(settings.file() + ": tls.outgoing.mtaSts enforce is not applied with tls.outgoing.gateway: all"
                    + " mail goes to the gateway, which delivers to the recipients' MX hosts and must apply MTA-STS"
                    + " itself (tls.outgoing.policies levels apply to the connection to the gateway)");
        }
        TlsMaterial tlsMaterial = null;
        if (settings.incomingTls().enabled()) {
            tlsMaterial = tlsMaterial(settings.incomingTls());
            warnings.addAll(tlsMaterial.warnings());
        }
        return new CheckedSettings(settings, connectionControl, relaySenders, trustedProxies, tlsMaterial,
                warnings.summary());
    }

    private static List<ListEntry> inlineEntries(List<Located<String>> written, String keyPath, Warnings warnings)
            throws SettingsException {
        List<ListEntry> entries = new ArrayList<>();
        for (Located<String> text : written) {
            try {
                entries.add(warnIfHostBits(EntryParser.parse(text.value(), text.origin()), warnings));
            } catch (InvalidEntryException e) {
                throw new SettingsException(text.origin(), keyPath + ": " + Printable.quote(e.entry()) + " "
                        + e.problem());
            }
        }
        return entries;
    }

    private static ListEntry warnIfHostBits(ListEntry entry, Warnings warnings) {
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
