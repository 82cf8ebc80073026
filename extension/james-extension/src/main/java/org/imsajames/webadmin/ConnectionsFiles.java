package org.imsajames.webadmin;

import org.imsajames.generator.GenerationStore;

/**
 * The files of a published generation that the Connections screen edits, besides those {@code imsa-james generate}
 * writes for James (smtpserver.xml, mailetcontainer.xml, jvm.properties), which a save carries over unchanged.
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

    private ConnectionsFiles() {
    }
}
