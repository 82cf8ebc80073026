package org.imsajames.webadmin;

import org.imsajames.generator.GenerationStore;

/**
 * The files of a published generation that the Connections screen edits. Of those {@code imsa-james generate}
 * writes for James, a save rewrites smtpserver.xml and mailetcontainer.xml only when it changes what they hold
 * (read at start); the others (jvm.properties) are carried over unchanged.
 */
final class ConnectionsFiles {
    /** Mode and entries, watched by ConnectionControlHandler (its format: "#! policy", "#! entries", entries). */
    static final String LIST = GenerationStore.CONNECTION_CONTROL_LIST;
    /** "tlsOnly=true|false", watched by TlsOnlyHandler. */
    static final String TLS_ONLY = GenerationStore.TLS_ONLY;
    /** The PKCS12 keystore smtpserver.xml names (through imsa/current) with the secret it gives. */
    static final String KEYSTORE = GenerationStore.KEYSTORE;
    /** Who made this generation, when, and what it changed: the history's record. Never key material. */
    static final String AUDIT = GenerationStore.AUDIT;

    /** Our SMTP server: SMTP Interface and incoming TLS, read by James at start. */
    static final String SMTP_SERVER = GenerationStore.SMTP_SERVER;
    /** The relay's RemoteDelivery: outgoing TLS, read by James at start. */
    static final String MAILET_CONTAINER = GenerationStore.MAILET_CONTAINER;

    /** While the screen has incoming TLS off: the keystore's secret and the protocol and cipher lists. */
    static final String PARKED_TLS = "incoming-tls-off.properties";

    private ConnectionsFiles() {
    }
}
