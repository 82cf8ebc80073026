package org.imsajames.outgoing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code _mta-sts.DOMAIN} TXT record (RFC 8461 section 3.1): "v=STSv1; id=ID;" with ID 1 to 32 letters and
 * digits; other fields are extensions. Records not starting with "v=STSv1" are not MTA-STS records; if not
 * exactly one is left, or it is malformed, the domain has no available policy.
 */
public final class MtaStsTxtRecord {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}=[\\x21-\\x3a\\x3c\\x3e-\\x7e]{1,}");

    private MtaStsTxtRecord() {
    }

    /** The policy id of the one MTA-STS record among the domain's TXT strings, if there is exactly one valid. */
    public static Optional<String> id(Collection<String> txtRecords) throws MtaStsPolicyException {
        List<String> candidates = new ArrayList<>();
        for (String record : txtRecords) {
            if (record.startsWith("v=STSv1")) {
                candidates.add(record);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (candidates.size() > 1) {
            throw new MtaStsPolicyException(candidates.size() + " MTA-STS TXT records; the RFC asks for exactly one");
        }
        return Optional.of(parseId(candidates.get(0)));
    }

    /** An id as RFC 8461 allows it (1 to 32 letters and digits), e.g. read back from our cache file. */
    static void checkId(String id) throws MtaStsPolicyException {
        if (!ID.matcher(id).matches()) {
            throw new MtaStsPolicyException("id '" + MtaStsPolicyException.shown(id) + "' is not 1 to 32 letters and digits");
        }
    }

    static String parseId(String record) throws MtaStsPolicyException {
        String[] fields = record.split(";", -1);
        if (!fields[0].strip().equals("v=STSv1")) {
            throw new MtaStsPolicyException("TXT record '" + MtaStsPolicyException.shown(record)
                    + "' does not start with v=STSv1;");
        }
        String id = null;
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i].strip();
            if (field.isEmpty() && i == fields.length - 1) {
                break;
            }
            if (field.startsWith("id=")) {
                if (id != null || !ID.matcher(field.substring(3)).matches()) {
                    throw new MtaStsPolicyException("TXT record '" + MtaStsPolicyException.shown(record)
                            + "': id must be given once, 1 to 32 letters and digits");
                }
                id = field.substring(3);
            } else if (!EXTENSION.matcher(field).matches()) {
                throw new MtaStsPolicyException("TXT record '" + MtaStsPolicyException.shown(record)
                        + "' has a malformed field");
            }
        }
        if (id == null) {
            throw new MtaStsPolicyException("TXT record '" + MtaStsPolicyException.shown(record) + "' has no id");
        }
        return id;
    }
}
