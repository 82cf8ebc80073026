package org.imsajames.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code tls.outgoing.policies}: the per-destination TLS levels (IMSA's TLS peer list), in order; the first
 * entry matching a recipient's domain gives its level, other recipients get the global mode. An entry that an
 * earlier one always matches first would silently never apply, so it is refused like a duplicate.
 */
public final class OutgoingTlsPolicies {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final List<DestinationPolicy> entries;

    OutgoingTlsPolicies(List<DestinationPolicy> entries) {
        this.entries = List.copyOf(entries);
    }

    public static OutgoingTlsPolicies none() {
        return new OutgoingTlsPolicies(List.of());
    }

    public List<DestinationPolicy> entries() {
        return entries;
    }

    /** The first entry matching the domain, if any. */
    public Optional<DestinationPolicy> forDomain(String recipientDomain) {
        return entries.stream().filter(entry -> entry.matches(recipientDomain)).findFirst();
    }

    static OutgoingTlsPolicies read(YamlSection outgoing, String key) throws SettingsException {
        String keyPath = outgoing.keyPath(key);
        List<DestinationPolicy> entries = new ArrayList<>();
        for (YamlSection item : outgoing.sectionList(key)) {
            item.allowOnly("destination", "level");
            Located<String> destination = item.text("destination").orElseThrow(() -> new SettingsException(
                    item.origin(), keyPath + ": an entry needs a destination (a domain or .domain)"));
            Located<String> levelText = item.text("level").orElseThrow(() -> new SettingsException(
                    item.origin(), keyPath + ": the entry for '" + destination.value()
                    + "' needs a level (none, opportunistic, required or verify)"));
            OutgoingTlsLevel level = OutgoingTlsLevel.fromSetting(levelText.value()).orElseThrow(() ->
                    new SettingsException(levelText.origin(), keyPath + ": level '" + levelText.value()
                            + "' is not none, opportunistic, required or verify"));
            DestinationPolicy entry = new DestinationPolicy(destination(destination, keyPath), level,
                    destination.origin());
            for (DestinationPolicy earlier : entries) {
                if (entry.shadowedBy(earlier)) {
                    throw new SettingsException(entry.origin(), keyPath + ": '" + entry.destination() + "' "
                            + (earlier.destination().equals(entry.destination()) ? "is listed twice"
                            : "is never used") + ": '" + earlier.destination() + "' (" + earlier.level().settingName()
                            + ") at " + earlier.origin() + " matches it first; remove one, or put the more specific"
                            + " entry first");
                }
            }
            entries.add(entry);
        }
        return new OutgoingTlsPolicies(entries);
    }

    /** A DNS name of letters, digits and hyphens (IDNs in their xn-- form), optionally with a leading dot. */
    private static String destination(Located<String> written, String keyPath) throws SettingsException {
        String value = written.value().trim().toLowerCase(Locale.ROOT);
        String name = value.startsWith(".") ? value.substring(1) : value;
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
            value = value.substring(0, value.length() - 1);
        }
        boolean valid = !name.isEmpty() && name.length() <= 253;
        for (String label : name.split("\\.", -1)) {
            valid &= LABEL.matcher(label).matches();
        }
        if (!valid) {
            String shown = written.value().length() > 60 ? written.value().substring(0, 60) + "..." : written.value();
            throw new SettingsException(written.origin(), keyPath + ": destination '" + shown
                    + "' is not a domain (example.com) or a parent domain (.example.com); write"
                    + " international names in their xn-- form");
        }
        return value;
    }
}
