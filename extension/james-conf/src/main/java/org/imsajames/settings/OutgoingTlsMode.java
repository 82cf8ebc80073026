package org.imsajames.settings;

import java.util.Locale;
import java.util.Optional;

/** How RemoteDelivery uses TLS towards other mail servers, named after Postfix's levels. */
public enum OutgoingTlsMode {
    /** STARTTLS when offered, any certificate accepted (Postfix "may"). */
    OPPORTUNISTIC,
    /** STARTTLS or no delivery, any certificate accepted (Postfix "encrypt"). */
    REQUIRED,
    /** STARTTLS or no delivery, and the peer's chain and name are checked (Postfix "verify"). */
    VERIFY;

    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule of {@code tls.outgoing.mode}, for the settings file and the Connections screen alike. */
    public static OutgoingTlsMode parse(String keyPath, String written) throws SettingRuleException {
        return fromSetting(written).orElseThrow(() -> new SettingRuleException(keyPath + " '" + written
                + "' is not opportunistic, required or verify"));
    }

    public static Optional<OutgoingTlsMode> fromSetting(String text) {
        for (OutgoingTlsMode mode : values()) {
            if (mode.settingName().equals(text)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
