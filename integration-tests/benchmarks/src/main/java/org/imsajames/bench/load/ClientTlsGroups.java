package org.imsajames.bench.load;

/**
 * The JDK 17 TLS client sends key shares for both x25519 and secp256r1, computing two key pairs in pure Java per
 * handshake although the servers pick x25519. Offering only x25519 halves the load tool's cost per handshake and
 * changes nothing for the servers. Must run before the first TLS class loads (the JDK reads it once).
 */
public final class ClientTlsGroups {
    private static final String PROPERTY = "jdk.tls.namedGroups";

    private ClientTlsGroups() {
    }

    public static void offerX25519Only() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "x25519");
        }
    }
}
