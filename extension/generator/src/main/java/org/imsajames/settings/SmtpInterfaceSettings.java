package org.imsajames.settings;

import java.util.List;

/** IMSA's "SMTP Interface" box: where James listens and how long and how many clients it keeps. */
public final class SmtpInterfaceSettings {
    private final String bindAddress;
    private final int port;
    private final int inactivityTimeoutMinutes;
    private final int maxConnections;
    private final int maxConnectionsPerIp;
    private final int maxMessageSizeKb;
    private final boolean reverseDnsLookup;
    private final boolean proxyRequired;
    private final List<Located<String>> trustedProxies;

    public SmtpInterfaceSettings(String bindAddress, int port, int inactivityTimeoutMinutes,
                                 int maxConnections, int maxConnectionsPerIp, int maxMessageSizeKb,
                                 boolean reverseDnsLookup, boolean proxyRequired,
                                 List<Located<String>> trustedProxies) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.inactivityTimeoutMinutes = inactivityTimeoutMinutes;
        this.maxConnections = maxConnections;
        this.maxConnectionsPerIp = maxConnectionsPerIp;
        this.maxMessageSizeKb = maxMessageSizeKb;
        this.reverseDnsLookup = reverseDnsLookup;
        this.proxyRequired = proxyRequired;
        this.trustedProxies = List.copyOf(trustedProxies);
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

    /** Default 50 (Postfix's smtpd_client_connection_count_limit); 0 means no limit. */
    public int maxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    /** 0 means no limit. */
    public int maxMessageSizeKb() {
        return maxMessageSizeKb;
    }

    /** Whether James looks up each client's host name (one reverse DNS query per connection); off by default. */
    public boolean reverseDnsLookup() {
        return reverseDnsLookup;
    }

    /** Every connection must start with a PROXY header, honoured only from {@link #trustedProxies()}. */
    public boolean proxyRequired() {
        return proxyRequired;
    }

    /** Entries as written (IMSA entry syntax); non-empty whenever proxyRequired. */
    public List<Located<String>> trustedProxies() {
        return trustedProxies;
    }
}
