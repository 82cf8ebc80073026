package org.imsajames.settings;

import java.util.Optional;

import org.imsajames.outgoing.MtaStsSetting;

/** IMSA's "Enable Outgoing TLS", with the mode, the per-destination levels and the optional gateway. */
public final class OutgoingTlsSettings {
    private final boolean enabled;
    private final OutgoingTlsMode mode;
    private final SmartHost gateway;
    private final OutgoingTlsPolicies policies;
    private final MtaStsSetting mtaSts;

    public OutgoingTlsSettings(boolean enabled, OutgoingTlsMode mode, SmartHost gateway) {
        this(enabled, mode, gateway, OutgoingTlsPolicies.none(), MtaStsSetting.TESTING);
    }

    public OutgoingTlsSettings(boolean enabled, OutgoingTlsMode mode, SmartHost gateway,
                               OutgoingTlsPolicies policies, MtaStsSetting mtaSts) {
        this.enabled = enabled;
        this.mode = mode;
        this.gateway = gateway;
        this.policies = policies;
        this.mtaSts = mtaSts;
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

    /** The level of every recipient no entry of {@link #policies()} matches. */
    public OutgoingTlsLevel defaultLevel() {
        return OutgoingTlsLevel.of(enabled, mode);
    }

    /** {@code tls.outgoing.policies}, first match wins. */
    public OutgoingTlsPolicies policies() {
        return policies;
    }

    /** {@code tls.outgoing.mtaSts}. */
    public MtaStsSetting mtaSts() {
        return mtaSts;
    }

    /**
     * MTA-STS as the generated James applies it: off with a gateway, since the gateway (smart host) is then the one
     * delivering to the recipients' MX hosts and the one to apply their policies (as Postfix's
     * postfix-mta-sts-resolver applies only to its own direct delivery).
     */
    public MtaStsSetting mtaStsInForce() {
        return gateway == null ? mtaSts : MtaStsSetting.OFF;
    }

    public Optional<SmartHost> gateway() {
        return Optional.ofNullable(gateway);
    }
}
