package org.imsajames.settings;

import java.util.Optional;

/** IMSA's "Enable Outgoing TLS", with the mode and the optional gateway. */
public final class OutgoingTlsSettings {
    private final boolean enabled;
    private final OutgoingTlsMode mode;
    private final SmartHost gateway;

    public OutgoingTlsSettings(boolean enabled, OutgoingTlsMode mode, SmartHost gateway) {
        this.enabled = enabled;
        this.mode = mode;
        this.gateway = gateway;
    }

    public boolean enabled() {
        return enabled;
    }

    public OutgoingTlsMode mode() {
        return mode;
    }

    /** Whether the peer's certificate chain and host name are checked; only in mode verify. */
    public boolean verifyServerIdentity() {
        return enabled && mode == OutgoingTlsMode.VERIFY;
    }

    public Optional<SmartHost> gateway() {
        return Optional.ofNullable(gateway);
    }
}
