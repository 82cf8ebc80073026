package org.imsajames.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Parses connection-control entries in IMSA syntax plus CIDR:
 * {@code 192.168.1.1}, {@code 192.168.2.0:255.255.255.0} (IMSA group, host bits allowed),
 * {@code 10.0.0.0/255.0.0.0}, {@code 10.0.0.0/8}, {@code 2001:db8::1}, {@code 2001:db8::/32}.
 * Only literals are accepted: nothing here ever looks a name up in DNS.
 */
public final class EntryParser {
    /** A single character class: a repeated group would recurse once per label and overflow the stack on long text. */
    private static final Pattern HOST_NAME_CHARACTERS = Pattern.compile("[A-Za-z0-9.-]+");
    private static final long IPV4_MAPPED_PREFIX = 0xffffL;

    private EntryParser() {
    }

    /** Parses one entry. origin is a label kept in the entry (e.g. "inline", "file.txt:3"). */
    public static ListEntry parse(String text, String origin) throws InvalidEntryException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        String entry = text.trim();
        if (entry.isEmpty()) {
            throw new InvalidEntryException(entry, "is empty: expected an IP address or network");
        }
        if (entry.indexOf('%') >= 0) {
            throw new InvalidEntryException(entry, "has a zone id ('%...'); zone ids are not accepted");
        }
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            return withSuffix(entry, entry.substring(0, slash), entry.substring(slash + 1), origin);
        }
        int colons = count(entry, ':');
        if (colons == 1) {
            // IPv6 text always has at least two colons, so one colon is IMSA's IPv4:netmask group.
            int colon = entry.indexOf(':');
            int address = ipv4Address(entry.substring(0, colon), entry);
            return ListEntry.ipv4(entry, origin, address, netmaskPrefix(entry.substring(colon + 1), entry));
        }
        if (colons > 1) {
            return ipv6(entry, entry, 128, origin);
        }
        return ListEntry.ipv4(entry, origin, ipv4Address(entry, entry), 32);
    }

    private static ListEntry withSuffix(String entry, String address, String suffix, String origin)
            throws InvalidEntryException {
        if (address.indexOf(':') >= 0) {
            if (Ipv4Literal.looksLikeIpv4(suffix)) {
                throw new InvalidEntryException(entry, "gives a netmask for an IPv6 address; use a prefix length");
            }
            return ipv6(entry, address, prefixLength(suffix, 128, entry), origin);
        }
        int ipv4 = ipv4Address(address, entry);
        int prefix = Ipv4Literal.looksLikeIpv4(suffix) ? netmaskPrefix(suffix, entry) : prefixLength(suffix, 32, entry);
        return ListEntry.ipv4(entry, origin, ipv4, prefix);
    }

    private static ListEntry ipv6(String entry, String address, int prefix, String origin)
            throws InvalidEntryException {
        long[] bits = Ipv6Literal.parse(address, entry);
        // ::ffff:a.b.c.d/96+n is an IPv4 network written as IPv6; clients in it are matched as IPv4.
        if (bits[0] == 0 && bits[1] >>> 32 == IPV4_MAPPED_PREFIX && prefix >= 96) {
            return ListEntry.ipv4(entry, origin, (int) bits[1], prefix - 96);
        }
        return ListEntry.ipv6(entry, origin, bits[0], bits[1], prefix);
    }

    private static int ipv4Address(String text, String entry) throws InvalidEntryException {
        // A dotted quad is never a host name (its last label is digits), so the name check is for failures only.
        if (!Ipv4Literal.looksLikeIpv4(text) && isHostName(text)) {
            throw new InvalidEntryException(entry, "is a host name; only IP addresses and networks are accepted");
        }
        return Ipv4Literal.parse(text, entry);
    }

    /**
     * Host name syntax: labels of letters, digits and hyphens joined by single dots, an optional trailing dot, the
     * last label starting with a letter as top-level domains do (RFC 3696).
     */
    private static boolean isHostName(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        String lastLabel = name.substring(name.lastIndexOf('.') + 1);
        return HOST_NAME_CHARACTERS.matcher(name).matches() && !name.startsWith(".") && !name.contains("..")
                && !lastLabel.isEmpty() && isAsciiLetter(lastLabel.charAt(0));
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static int netmaskPrefix(String text, String entry) throws InvalidEntryException {
        if (!Ipv4Literal.looksLikeIpv4(text)) {
            throw new InvalidEntryException(entry, "has an invalid netmask " + InvalidEntryException.quote(text));
        }
        int mask = Ipv4Literal.parse(text, entry);
        int hostBits = ~mask;
        if ((hostBits & (hostBits + 1)) != 0) {
            throw new InvalidEntryException(entry, "is not a contiguous netmask");
        }
        return Integer.bitCount(mask);
    }

    private static int prefixLength(String text, int max, String entry) throws InvalidEntryException {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidEntryException(entry, "has an invalid prefix length " + InvalidEntryException.quote(text));
        }
        int prefix = Integer.parseInt(text);
        if (prefix > max) {
            throw new InvalidEntryException(entry, "has a prefix length out of range (0-" + max + " for IPv"
                    + (max == 32 ? "4" : "6") + ")");
        }
        return prefix;
    }

    private static int count(String text, char c) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                count++;
            }
        }
        return count;
    }
}
