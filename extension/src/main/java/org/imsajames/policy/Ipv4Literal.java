package org.imsajames.policy;

import java.util.regex.Pattern;

/** Strict dotted-quad IPv4 text: exactly four decimal octets, no leading zeros (they would be ambiguous octal). */
final class Ipv4Literal {
    private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+");

    private Ipv4Literal() {
    }

    /** True when the text is four dot-separated groups of digits, i.e. it is meant as an IPv4 address. */
    static boolean looksLikeIpv4(String text) {
        return DOTTED_QUAD.matcher(text).matches();
    }

    /** Parses text as an IPv4 address; entry is the whole entry, for the message. */
    static int parse(String text, String entry) throws InvalidEntryException {
        if (!looksLikeIpv4(text)) {
            throw new InvalidEntryException(entry, "is not an IP address or network");
        }
        int address = 0;
        for (String octet : text.split("\\.")) {
            if (octet.length() > 1 && octet.charAt(0) == '0') {
                throw new InvalidEntryException(entry,
                        "has an octet with a leading zero ('" + octet + "' could be read as octal or decimal)");
            }
            if (octet.length() > 3 || Integer.parseInt(octet) > 255) {
                throw new InvalidEntryException(entry, "has an octet greater than 255");
            }
            address = address << 8 | Integer.parseInt(octet);
        }
        return address;
    }

    static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }
}
