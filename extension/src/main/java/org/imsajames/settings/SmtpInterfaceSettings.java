package org.imsajames.settings;

/** IMSA's "SMTP Interface" box: where James listens and how long and how many clients it keeps. */
public final class SmtpInterfaceSettings {
    private final String bindAddress;
    private final int port;
    private final int inactivityTimeoutMinutes;
    private final int maxConnections;
    private final int maxConnectionsPerIp;
    private final int maxMessageSizeKb;

    public SmtpInterfaceSettings(String bindAddress, int port, int inactivityTimeoutMinutes,
                                 int maxConnections, int maxConnectionsPerIp, int maxMessageSizeKb) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.inactivityTimeoutMinutes = inactivityTimeoutMinutes;
        this.maxConnections = maxConnections;
        this.maxConnectionsPerIp = maxConnectionsPerIp;
        this.maxMessageSizeKb = maxMessageSizeKb;
    }

    /** The IPv4 address to bind: 0.0.0.0 for "all", 127.0.0.1 for "loopback", else the literal given. */
    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    public int inactivityTimeoutMinutes() {
        return inactivityTimeoutMinutes;
    }

    /** 0 means no limit. */
    public int maxConnections() {
        return maxConnections;
    }

    /** 0 means no limit. */
    public int maxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    /** 0 means no limit. */
    public int maxMessageSizeKb() {
        return maxMessageSizeKb;
    }
}
