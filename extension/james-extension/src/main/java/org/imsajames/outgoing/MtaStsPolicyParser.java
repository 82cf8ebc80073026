package org.imsajames.outgoing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt} by RFC 8461 section 3.2: lines
 * "name: value" ended by CRLF or LF; {@code version: STSv1}, {@code mode}, {@code max_age} (1 to 10 digits, at
 * most 31557600 seconds) and, unless the mode is none, at least one {@code mx}; other names are extensions and
 * ignored. Strict where the RFC is: a body that is not ASCII, over {@link #MAX_BODY_BYTES}, with a malformed line
 * or a repeated single field is refused as a whole, so the sender treats the domain as having no new policy.
 * Blank lines are tolerated (seen in the wild, harmless).
 */
public final class MtaStsPolicyParser {
    /** RFC 8461 section 3.3 lets senders limit the policy size; 64 KiB is what common senders use. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** RFC 8461 section 3.2: max_age is at most 31557600 seconds (about one year). */
    public static final long MAX_AGE_LIMIT = 31_557_600L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    private MtaStsPolicyParser() {
    }

    public static MtaStsPolicy parse(byte[] body) throws MtaStsPolicyException {
        if (body.length > MAX_BODY_BYTES) {
            throw new MtaStsPolicyException("policy of " + body.length + " bytes is over the limit of "
                    + MAX_BODY_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.US_ASCII.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MtaStsPolicyException("policy is not ASCII text");
        }
        String version = null;
        MtaStsMode mode = null;
        Long maxAge = null;
        List<MxPattern> mx = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            String value = colon < 0 ? "" : trimWsp(line.substring(colon + 1));
            if (!NAME.matcher(name).matches() || value.isEmpty() || !isValueText(value)) {
                throw new MtaStsPolicyException("line " + (i + 1) + " is not 'name: value': '"
                        + MtaStsPolicyException.shown(line) + "'");
            }
            switch (name) {
                case "version":
                    once(version, name, i);
                    if (!value.equals("STSv1")) {
                        throw new MtaStsPolicyException("version '" + MtaStsPolicyException.shown(value)
                                + "' is not STSv1");
                    }
                    version = value;
                    break;
                case "mode":
                    once(mode, name, i);
                    mode = mode(value);
                    break;
                case "max_age":
                    once(maxAge, name, i);
                    maxAge = maxAge(value);
                    break;
                case "mx":
                    mx.add(MxPattern.parse(value));
                    break;
                default:
                    // An extension field (sts-policy-extension): ignored, as the RFC asks.
                    break;
            }
        }
        if (version == null) {
            throw new MtaStsPolicyException("policy has no 'version: STSv1'");
        }
        if (mode == null) {
            throw new MtaStsPolicyException("policy has no mode");
        }
        if (maxAge == null) {
            throw new MtaStsPolicyException("policy has no max_age");
        }
        if (mx.isEmpty() && mode != MtaStsMode.NONE) {
            throw new MtaStsPolicyException("policy in mode " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " has no mx");
        }
        return new MtaStsPolicy(mode, maxAge, mx);
    }

    /** sts-policy-vchar *(*WSP sts-policy-vchar), once the WSP around it is gone: VCHAR and WSP only. */
    private static boolean isValueText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 0x21 && c <= 0x7e) && c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String trimWsp(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    private static void once(Object seen, String name, int index) throws MtaStsPolicyException {
        if (seen != null) {
            throw new MtaStsPolicyException("line " + (index + 1) + ": " + name + " is given twice");
        }
    }

    private static MtaStsMode mode(String value) throws MtaStsPolicyException {
        switch (value) {
            case "enforce":
                return MtaStsMode.ENFORCE;
            case "testing":
                return MtaStsMode.TESTING;
            case "none":
                return MtaStsMode.NONE;
            default:
                throw new MtaStsPolicyException("mode '" + MtaStsPolicyException.shown(value)
                        + "' is not enforce, testing or none");
        }
    }

    private static long maxAge(String value) throws MtaStsPolicyException {
        if (!DIGITS.matcher(value).matches()) {
            throw new MtaStsPolicyException("max_age '" + MtaStsPolicyException.shown(value)
                    + "' is not 1 to 10 digits");
        }
        long seconds = Long.parseLong(value);
        if (seconds > MAX_AGE_LIMIT) {
            throw new MtaStsPolicyException("max_age " + seconds + " is over the RFC's limit of " + MAX_AGE_LIMIT);
        }
        return seconds;
    }
}
