package org.imsajames.outgoing;

import java.util.Locale;

/** {@code tls.outgoing.mtaSts}, as the generator hands it to our mailets in their {@code mtaSts} parameter. */
public enum MtaStsSetting {
    /** No MTA-STS lookups at all. */
    OFF,
    /** Look policies up and log and count what enforce would refuse, but deliver as without MTA-STS. */
    TESTING,
    /** Apply policies in mode enforce; policies in mode testing are logged and counted. */
    ENFORCE;

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mailet parameter; absent means off, anything unknown is refused (never a silent weaker mode). */
    public static MtaStsSetting fromParameter(String value) {
        if (value == null) {
            return OFF;
        }
        for (MtaStsSetting setting : values()) {
            if (setting.parameter().equals(value.trim())) {
                return setting;
            }
        }
        throw new IllegalArgumentException("mtaSts '" + value + "' is not off, testing or enforce");
    }
}
