package org.imsajames.generator;

import java.util.List;

/**
 * What imsa-james puts into its SMTP server of smtpserver.xml (jmxName imsa-smtp): the values of the settings'
 * smtpInterface and incoming TLS that James reads at start. The generator makes one from the settings, the
 * Connections screen reads one from the file in force and changes what the admin saved; both write it with
 * {@link OwnedSmtpServerXml}, so the screen's file is the one generate would write for the same settings.
 */
public final class OwnedSmtpServer {
    private final String bindAddress;
    private final int port;
    private final int inactivityTimeoutSeconds;
    private final int maxConnections;
    private final int maxConnectionsPerIp;
    private final int maxMessageSizeKb;
    private final boolean proxyRequired;
    private final List<String> relayNetworks;
    private final List<String> trustedProxies;
    private final IncomingTls incomingTls;
    private final boolean requireSslForAuth;

    public OwnedSmtpServer(String bindAddress, int port, int inactivityTimeoutSeconds, int maxConnections,
            int maxConnectionsPerIp, int maxMessageSizeKb, boolean proxyRequired, List<String> relayNetworks,
            List<String> trustedProxies, IncomingTls incomingTls, boolean requireSslForAuth) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.inactivityTimeoutSeconds = inactivityTimeoutSeconds;
        this.maxConnections = maxConnections;
        this.maxConnectionsPerIp = maxConnectionsPerIp;
        this.maxMessageSizeKb = maxMessageSizeKb;
        this.proxyRequired = proxyRequired;
        this.relayNetworks = List.copyOf(relayNetworks);
        this.trustedProxies = List.copyOf(trustedProxies);
        this.incomingTls = incomingTls;
        this.requireSslForAuth = requireSslForAuth;
    }

    /** STARTTLS with our keystore, or off. */
    public static final class IncomingTls {
        static final IncomingTls OFF = new IncomingTls(false, null, List.of(), List.of());
        private final boolean enabled;
        private final String keystoreSecret;
        private final List<String> protocols;
        private final List<String> cipherSuites;

        private IncomingTls(boolean enabled, String keystoreSecret, List<String> protocols, List<String> cipherSuites) {
            this.enabled = enabled;
            this.keystoreSecret = keystoreSecret;
            this.protocols = List.copyOf(protocols);
            this.cipherSuites = List.copyOf(cipherSuites);
        }

        public static IncomingTls off() {
            return OFF;
        }

        public static IncomingTls on(String keystoreSecret, List<String> protocols, List<String> cipherSuites) {
            if (keystoreSecret == null) {
                throw new IllegalArgumentException("incoming TLS needs the keystore's secret");
            }
            return new IncomingTls(true, keystoreSecret, protocols, cipherSuites);
        }

        public boolean enabled() {
            return enabled;
        }

        /** Never logged or shown. */
        public String keystoreSecret() {
            return keystoreSecret;
        }

        public List<String> protocols() {
            return protocols;
        }

        public List<String> cipherSuites() {
            return cipherSuites;
        }
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    /** smtpserver.xml's connectiontimeout; the settings give it in minutes. */
    public int inactivityTimeoutSeconds() {
        return inactivityTimeoutSeconds;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** Enforced by our ConnectionsPerIpHandler; 0: no limit (no handler). */
    public int maxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    public int maxMessageSizeKb() {
        return maxMessageSizeKb;
    }

    public boolean proxyRequired() {
        return proxyRequired;
    }

    /** Canonical CIDRs of the permitted relay senders. */
    public List<String> relayNetworks() {
        return relayNetworks;
    }

    /** Canonical CIDRs whose PROXY header is honoured. */
    public List<String> trustedProxies() {
        return trustedProxies;
    }

    public IncomingTls incomingTls() {
        return incomingTls;
    }

    /** tls.incoming.tlsOnly of the settings: also sets auth/requireSSL (never unset: an operator's choice stays). */
    public boolean requireSslForAuth() {
        return requireSslForAuth;
    }

    public OwnedSmtpServer withBind(String newBindAddress, int newPort) {
        return new OwnedSmtpServer(newBindAddress, newPort, inactivityTimeoutSeconds, maxConnections,
            maxConnectionsPerIp, maxMessageSizeKb, proxyRequired, relayNetworks, trustedProxies, incomingTls,
            requireSslForAuth);
    }

    public OwnedSmtpServer withLimits(int newInactivityTimeoutSeconds, int newMaxConnections,
            int newMaxConnectionsPerIp, int newMaxMessageSizeKb) {
        return new OwnedSmtpServer(bindAddress, port, newInactivityTimeoutSeconds, newMaxConnections,
            newMaxConnectionsPerIp, newMaxMessageSizeKb, proxyRequired, relayNetworks, trustedProxies, incomingTls,
            requireSslForAuth);
    }

    public OwnedSmtpServer withIncomingTls(IncomingTls newIncomingTls) {
        return new OwnedSmtpServer(bindAddress, port, inactivityTimeoutSeconds, maxConnections, maxConnectionsPerIp,
            maxMessageSizeKb, proxyRequired, relayNetworks, trustedProxies, newIncomingTls, requireSslForAuth);
    }
}
