package org.imsajames.settings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of the settings' {@code smtpInterface} values that both {@code imsa-james check} (the settings file)
 * and the Connections screen (PUT smtp-interface) apply, so that both accept the same values with the same messages.
 */
public final class SmtpInterfaceRules {
    public static final String SECTION = "smtpInterface";
    public static final String IP_ADDRESS = "ipAddress";
    public static final String PORT = "port";
    public static final String INACTIVITY_TIMEOUT_MINUTES = "inactivityTimeoutMinutes";
    public static final String MAX_CONNECTIONS = "maxConnections";
    public static final String MAX_CONNECTIONS_PER_IP = "maxConnectionsPerIp";
    public static final String MAX_MESSAGE_SIZE_KB = "maxMessageSizeKb";
    /** The keys the screen edits, in the settings' order; James reads them only at start. */
    public static final List<String> SCREEN_KEYS = List.of(IP_ADDRESS, PORT, INACTIVITY_TIMEOUT_MINUTES,
            MAX_CONNECTIONS, MAX_CONNECTIONS_PER_IP, MAX_MESSAGE_SIZE_KB);

    public static final String ALL_ADDRESSES = "0.0.0.0";
    public static final String LOOPBACK = "127.0.0.1";
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]+");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private SmtpInterfaceRules() {
    }

    /** The smallest value a numeric smtpInterface key accepts. */
    public static int min(String key) {
        switch (key) {
            case PORT: case INACTIVITY_TIMEOUT_MINUTES:
                return 1;
            case MAX_CONNECTIONS: case MAX_CONNECTIONS_PER_IP: case MAX_MESSAGE_SIZE_KB:
                return 0;
            default:
                throw new IllegalArgumentException("not a numeric smtpInterface key: " + key);
        }
    }

    /** The largest value a numeric smtpInterface key accepts. */
    public static int max(String key) {
        switch (key) {
            case PORT:
                return 65535;
            case INACTIVITY_TIMEOUT_MINUTES:
                return 1440;
            default:
                min(key);
                return Integer.MAX_VALUE;
        }
    }

    /** {@code key} of the smtpInterface section, checked against its range. */
    public static int number(String key, String written) throws SettingRuleException {
        return wholeNumber(SECTION + "." + key, written, min(key), max(key));
    }

    /** The whole-number rule of every numeric setting: digits only (an optional minus), within [min, max]. */
    public static int wholeNumber(String keyPath, String written, int min, int max) throws SettingRuleException {
        if (!WHOLE_NUMBER.matcher(written).matches() || written.length() > 12) {
            throw new SettingRuleException(keyPath + " must be a whole number, not '" + written + "'");
        }
        long number = Long.parseLong(written);
        if (number < min || number > max) {
            throw new SettingRuleException(keyPath + " must be between " + min + " and " + max + ", not " + number);
        }
        return (int) number;
    }

    /** The IPv4 address to bind for an ipAddress setting (absent: all). */
    public static String bindAddress(String written) throws SettingRuleException {
        if (written == null || written.equals("all")) {
            return ALL_ADDRESSES;
        }
        if (written.equals("loopback")) {
            return LOOPBACK;
        }
        if (IPV4.matcher(written).matches()) {
            return written;
        }
        String keyPath = SECTION + "." + IP_ADDRESS;
        if (written.contains(":")) {
            // James 3.8.1 splits its <bind> value on ':', so it cannot listen on one IPv6 address.
            throw new SettingRuleException(keyPath + " '" + written
                    + "': James cannot bind a single IPv6 address; use all, loopback or an IPv4 address");
        }
        throw new SettingRuleException(keyPath + " '" + written + "' is not all, loopback or an IPv4 address");
    }

    /** A dotted-quad IPv4 literal, each part 0-255 without leading zeros. */
    public static boolean isIpv4Literal(String text) {
        return IPV4.matcher(text).matches();
    }

    /** The ipAddress setting that gives BIND: the inverse of {@link #bindAddress(String)}. */
    public static String ipAddressSetting(String bind) {
        return bind.equals(ALL_ADDRESSES) ? "all" : bind.equals(LOOPBACK) ? "loopback" : bind;
    }
}
