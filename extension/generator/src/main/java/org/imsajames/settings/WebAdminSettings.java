package org.imsajames.settings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The settings' {@code webAdmin:} section: James's WebAdmin, where the Connections screen lives. Loopback unless
 * {@code host} says otherwise; JWT on when {@code jwtPublicKey} names a PEM public key; {@code historyVersions}
 * versions of the conf folder kept (the screen's history, and generate's backups).
 */
public final class WebAdminSettings {
    public static final int DEFAULT_PORT = 8000;
    public static final int DEFAULT_HISTORY_VERSIONS = 50;

    private final boolean enabled;
    private final String bindAddress;
    private final int port;
    private final Path jwtPublicKey;
    private final int historyVersions;

    public WebAdminSettings(boolean enabled, String bindAddress, int port, Path jwtPublicKey, int historyVersions) {
        this.enabled = enabled;
        this.bindAddress = bindAddress;
        this.port = port;
        this.jwtPublicKey = jwtPublicKey;
        this.historyVersions = historyVersions;
    }

    public boolean enabled() {
        return enabled;
    }

    /** 127.0.0.1, 0.0.0.0 or an IPv4 address. */
    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    public Optional<Path> jwtPublicKey() {
        return Optional.ofNullable(jwtPublicKey);
    }

    public int historyVersions() {
        return historyVersions;
    }
}
