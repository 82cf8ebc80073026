package org.imsajames.outgoing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * James 3.8.1's DNSJavaService.findTXTRecords gives each record as dnsjava's rdataToString(): its strings in
 * double quotes, separated by spaces, with backslash escapes. A TXT record's value is its strings joined
 * (RFC 7208 section 3.3 and RFC 8461 section 3.1 read it so); this undoes the quoting.
 */
final class TxtStrings {
    private TxtStrings() {
    }

    static List<String> values(Collection<String> records) {
        List<String> values = new ArrayList<>();
        for (String record : records) {
            values.add(value(record));
        }
        return values;
    }

    static String value(String record) {
        if (!record.startsWith("\"")) {
            return record;
        }
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && i + 1 < record.length()) {
                if (i + 3 < record.length() && Character.isDigit(record.charAt(i + 1))
                        && Character.isDigit(record.charAt(i + 2)) && Character.isDigit(record.charAt(i + 3))) {
                    value.append((char) Integer.parseInt(record.substring(i + 1, i + 4)));
                    i += 3;
                } else {
                    value.append(record.charAt(++i));
                }
            } else if (quoted) {
                value.append(c);
            }
        }
        return value.toString();
    }
}
