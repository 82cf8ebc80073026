package org.imsajames.generator;

import java.util.Objects;

import org.imsajames.outgoing.MtaStsSetting;
import org.imsajames.settings.OutgoingTlsLevel;

/**
 * The parameters imsa-james owns on a RemoteDelivery mailet: its TLS level, MTA-STS in force and the optional
 * gateway (smart host). Written and read by {@link RelayTlsXml}.
 */
public final class RelayTls {
    private final OutgoingTlsLevel level;
    private final MtaStsSetting mtaSts;
    private final String gatewayHost;
    private final int gatewayPort;

    /** @param gatewayHost null: delivery to the recipients' MX hosts */
    public RelayTls(OutgoingTlsLevel level, MtaStsSetting mtaSts, String gatewayHost, int gatewayPort) {
        this.level = Objects.requireNonNull(level);
        this.mtaSts = Objects.requireNonNull(mtaSts);
        this.gatewayHost = gatewayHost;
        this.gatewayPort = gatewayPort;
    }

    public OutgoingTlsLevel level() {
        return level;
    }

    public MtaStsSetting mtaSts() {
        return mtaSts;
    }

    /** Null without a gateway. */
    public String gatewayHost() {
        return gatewayHost;
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    public RelayTls withLevel(OutgoingTlsLevel newLevel) {
        return new RelayTls(newLevel, mtaSts, gatewayHost, gatewayPort);
    }
}
