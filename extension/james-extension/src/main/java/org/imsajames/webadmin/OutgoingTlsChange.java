package org.imsajames.webadmin;

import org.imsajames.settings.OutgoingTlsLevel;
import org.imsajames.settings.OutgoingTlsMode;
import org.imsajames.settings.SettingRuleException;

/**
 * tls.outgoing of PUT tls: {@code enabled} and {@code mode} as the settings have them (mode opportunistic, required
 * or verify, checked by the settings' own rule), plus mode {@code none}, which the state shows when it is off.
 */
final class OutgoingTlsChange {
    private OutgoingTlsChange() {
    }

    /** The level the body names, or null when it names none (enabled alone, or nothing). */
    static OutgoingTlsLevel level(Boolean enabled, String mode) throws ApiError {
        if (mode == null) {
            return enabled != null && !enabled ? OutgoingTlsLevel.NONE : null;
        }
        if (mode.equals("none")) {
            if (enabled != null && enabled) {
                throw ApiError.badRequest("tls.outgoing.mode none contradicts tls.outgoing.enabled true;"
                    + " nothing was changed");
            }
            return OutgoingTlsLevel.NONE;
        }
        OutgoingTlsMode parsed;
        try {
            parsed = OutgoingTlsMode.parse("tls.outgoing.mode", mode);
        } catch (SettingRuleException e) {
            throw ApiError.badRequest(e.getMessage() + " (or none); nothing was changed");
        }
        if (enabled != null && !enabled) {
            throw ApiError.badRequest("tls.outgoing.mode " + mode + " needs tls.outgoing.enabled true;"
                + " nothing was changed");
        }
        return OutgoingTlsLevel.of(true, parsed);
    }

    /** LEVEL, or for "enabled: true" alone the current mode (opportunistic, the settings' default, when off). */
    static OutgoingTlsLevel resolve(OutgoingTlsLevel level, Boolean enabled, OutgoingTls current) {
        if (level != null) {
            return level;
        }
        if (enabled != null && enabled && current.level() == OutgoingTlsLevel.NONE) {
            return OutgoingTlsLevel.OPPORTUNISTIC;
        }
        return current.level();
    }
}
