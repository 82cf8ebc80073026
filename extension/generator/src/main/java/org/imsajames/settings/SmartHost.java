package org.imsajames.settings;

/** The optional gateway all outgoing mail goes through ("host:port"). */
public final class SmartHost {
    private final String host;
    private final int port;

    public SmartHost(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
