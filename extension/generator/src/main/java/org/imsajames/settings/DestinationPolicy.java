package org.imsajames.settings;

import java.util.Locale;

/**
 * One entry of {@code tls.outgoing.policies}: a recipient domain ("example.com", that domain only) or a
 * parent domain (".example.com", every subdomain of it but not example.com itself, as in Postfix's
 * tls_policy table), and the TLS level its mail is delivered at.
 */
public final class DestinationPolicy {
    private final String destination;
    private final OutgoingTlsLevel level;
    private final String origin;

    DestinationPolicy(String destination, OutgoingTlsLevel level, String origin) {
        this.destination = destination;
        this.level = level;
        this.origin = origin;
    }

    /** As written, lower-cased: "example.com" or ".example.com". */
    public String destination() {
        return destination;
    }

    public boolean subdomains() {
        return destination.startsWith(".");
    }

    /** The domain without the leading dot. */
    public String domain() {
        return subdomains() ? destination.substring(1) : destination;
    }

    public OutgoingTlsLevel level() {
        return level;
    }

    /** "file:line" of the entry. */
    public String origin() {
        return origin;
    }

    public boolean matches(String recipientDomain) {
        String domain = recipientDomain.toLowerCase(Locale.ROOT);
        return subdomains() ? domain.endsWith(destination) : domain.equals(destination);
    }

    /** Whether every domain this entry matches is matched by {@code earlier} too, so this one is never reached. */
    boolean shadowedBy(DestinationPolicy earlier) {
        if (earlier.subdomains()) {
            return destination.equals(earlier.destination) || domain().endsWith(earlier.destination);
        }
        return !subdomains() && destination.equals(earlier.destination);
    }

    @Override
    public String toString() {
        return destination + ": " + level.settingName();
    }
}
