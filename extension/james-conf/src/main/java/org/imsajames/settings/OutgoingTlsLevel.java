package org.imsajames.settings;

import java.util.Locale;
import java.util.Optional;

/**
 * The TLS level of one delivery, as IMSA's per-peer TLS screen sets it (Never / Opportunistic / Must / Verify),
 * named after Postfix's levels. The global {@code tls.outgoing} mode is one of the last three, or NONE when
 * outgoing TLS is disabled.
 */
public enum OutgoingTlsLevel {
    /** No STARTTLS at all: the mail goes in clear (IMSA "Never", Postfix "none"). */
    NONE,
    /** STARTTLS when offered, any certificate accepted (Postfix "may"). */
    OPPORTUNISTIC,
    /** STARTTLS or no delivery, any certificate accepted (IMSA "Must", Postfix "encrypt"). */
    REQUIRED,
    /** STARTTLS or no delivery, chain valid and name equal to the MX host (IMSA "Verify", Postfix "verify"). */
    VERIFY;

    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the mail may never leave in clear text. */
    public boolean tlsMandatory() {
        return this == REQUIRED || this == VERIFY;
    }

    public static Optional<OutgoingTlsLevel> fromSetting(String text) {
        for (OutgoingTlsLevel level : values()) {
            if (level.settingName().equals(text)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    public static OutgoingTlsLevel of(boolean enabled, OutgoingTlsMode mode) {
        return enabled ? valueOf(mode.name()) : NONE;
    }
}
