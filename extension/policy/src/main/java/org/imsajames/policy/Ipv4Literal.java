package org.imsajames.policy;

/**
 * Strict dotted-quad IPv4 text: exactly four decimal octets, no leading zeros (they would be ambiguous octal).
 * Scanned character by character: list files can hold a million of these.
 */
final class Ipv4Literal {
    private static final int OCTETS = 4;

    private Ipv4Literal() {
    }

    /** True when the text is four dot-separated groups of digits, i.e. it is meant as an IPv4 address. */
    static boolean looksLikeIpv4(String text) {
        int dots = 0;
        boolean digitsSinceDot = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digitsSinceDot = true;
            } else if (c == '.' && digitsSinceDot && dots < OCTETS - 1) {
                dots++;
                digitsSinceDot = false;
            } else {
                return false;
            }
        }
        return dots == OCTETS - 1 && digitsSinceDot;
    }

    /** Parses text as an IPv4 address; entry is the whole entry, for the message. */
    static int parse(String text, String entry) throws InvalidEntryException {
        if (!looksLikeIpv4(text)) {
            throw new InvalidEntryException(entry, "is not an IP address or network");
        }
        int address = 0;
        int octetStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                address = address << 8 | octet(text, octetStart, i, entry);
                octetStart = i + 1;
            }
        }
        return address;
    }

    private static int octet(String text, int from, int to, String entry) throws InvalidEntryException {
        if (to - from > 1 && text.charAt(from) == '0') {
            throw new InvalidEntryException(entry, "has an octet with a leading zero ("
                    + InvalidEntryException.quote(text.substring(from, to)) + " could be read as octal or decimal)");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
            if (value > 255) {
                throw new InvalidEntryException(entry, "has an octet greater than 255");
            }
        }
        return value;
    }

    static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }
}
