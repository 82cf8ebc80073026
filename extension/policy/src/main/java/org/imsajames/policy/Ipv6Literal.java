package org.imsajames.policy;

import java.util.regex.Pattern;

/**
 * IPv6 text (RFC 4291 forms, including a trailing dotted IPv4 part) parsed by hand, so that no text can ever
 * reach a DNS lookup, and formatted in the RFC 5952 canonical form.
 */
final class Ipv6Literal {
    private static final int GROUPS = 8;
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private Ipv6Literal() {
    }

    /** Returns the address as {high 64 bits, low 64 bits}; entry is the whole entry, for the message. */
    static long[] parse(String text, String entry) throws InvalidEntryException {
        int gap = text.indexOf("::");
        // A dotted IPv4 part is only allowed as the last group of the whole address.
        if (gap >= 0 && (text.indexOf("::", gap + 1) >= 0 || text.lastIndexOf('.', gap) >= 0)) {
            throw invalid(entry);
        }
        int[] head = gap < 0 ? groups(text, entry) : groups(text.substring(0, gap), entry);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), entry);
        int written = head.length + tail.length;
        if (gap < 0 ? written != GROUPS : written >= GROUPS) {
            throw invalid(entry);
        }
        int[] all = new int[GROUPS];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, GROUPS - tail.length, tail.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | all[i];
            low = low << 16 | all[i + 4];
        }
        return new long[] {high, low};
    }

    /** The 16-bit groups of one side of "::"; a dotted IPv4 last group counts as two groups. */
    private static int[] groups(String side, String entry) throws InvalidEntryException {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        String last = parts[parts.length - 1];
        boolean dottedTail = last.indexOf('.') >= 0;
        int[] groups = new int[parts.length + (dottedTail ? 1 : 0)];
        for (int i = 0; i < parts.length - (dottedTail ? 1 : 0); i++) {
            if (!HEX_GROUP.matcher(parts[i]).matches()) {
                throw invalid(entry);
            }
            groups[i] = Integer.parseInt(parts[i], 16);
        }
        if (dottedTail) {
            int ipv4 = Ipv4Literal.parse(last, entry);
            groups[parts.length - 1] = ipv4 >>> 16;
            groups[parts.length] = ipv4 & 0xffff;
        }
        return groups;
    }

    private static InvalidEntryException invalid(String entry) {
        return new InvalidEntryException(entry, "is not a valid IPv6 address");
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (first on a tie) of two or more zero groups as "::". */
    static String format(long high, long low) {
        int[] groups = new int[GROUPS];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < GROUPS; start++) {
            int length = 0;
            while (start + length < GROUPS && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < GROUPS; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }
}
