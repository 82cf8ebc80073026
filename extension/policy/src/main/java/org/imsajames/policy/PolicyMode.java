package org.imsajames.policy;

/** IMSA's two connection-control modes, named as in the settings file. */
public enum PolicyMode {
    /** "Accept all, except the following list": the list is a deny list. */
    ACCEPT_ALL_EXCEPT("accept-all-except"),
    /** "Deny all, except the following list": the list is a permit list. */
    DENY_ALL_EXCEPT("deny-all-except");

    private final String setting;

    PolicyMode(String setting) {
        this.setting = setting;
    }

    /** The value as written in the settings file. */
    public String setting() {
        return setting;
    }

    /** The mode for a settings value; IllegalArgumentException naming the bad value and the valid ones. */
    public static PolicyMode fromSetting(String value) {
        for (PolicyMode mode : values()) {
            if (mode.setting.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown connection-control policy '" + value + "': expected "
                + ACCEPT_ALL_EXCEPT.setting + " or " + DENY_ALL_EXCEPT.setting);
    }
}
