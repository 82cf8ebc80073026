package org.imsajames.outgoing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code mx} value of an MTA-STS policy: a host name, or "*." and a domain, which matches exactly one more
 * label on the left (RFC 8461 section 4.1: "*.example.com" matches "mx1.example.com", not "example.com" nor
 * "a.b.example.com"). Comparison ignores case and a trailing dot of the MX host.
 */
public final class MxPattern {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final String domain;
    private final boolean wildcard;

    private MxPattern(String domain, boolean wildcard) {
        this.domain = domain;
        this.wildcard = wildcard;
    }

    /** Parses the value as written in the policy; RFC 8461's grammar: ["*."] Domain (RFC 5321). */
    public static MxPattern parse(String value) throws MtaStsPolicyException {
        String text = value.toLowerCase(Locale.ROOT);
        boolean wildcard = text.startsWith("*.");
        String name = wildcard ? text.substring(2) : text;
        if (!isDomain(name)) {
            throw new MtaStsPolicyException("mx '" + MtaStsPolicyException.shown(value)
                    + "' is not a host name or *. and a domain");
        }
        return new MxPattern(name, wildcard);
    }

    static boolean isDomain(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(String mxHost) {
        String host = mxHost.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!wildcard) {
            return host.equals(domain);
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equals(domain);
    }

    @Override
    public String toString() {
        return wildcard ? "*." + domain : domain;
    }
}
