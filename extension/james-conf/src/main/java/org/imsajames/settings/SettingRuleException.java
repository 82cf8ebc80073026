package org.imsajames.settings;

/**
 * A value that breaks one of the settings' rules. The message names the key (e.g. "smtpInterface.port must be
 * between 1 and 65535, not 70000") but not the file: {@code imsa-james check} prefixes its file and line, the
 * Connections screen shows it as it is.
 */
public final class SettingRuleException extends Exception {
    private static final long serialVersionUID = 1L;

    public SettingRuleException(String message) {
        super(message);
    }
}
