package org.imsajames.settings;

import java.util.List;

/**
 * tls.incoming's protocol and cipher lists when the settings name none: what generate writes, and what the
 * Connections screen writes when it turns incoming TLS on for a key and certificate uploaded while it was off.
 */
public final class IncomingTlsDefaults {
    /** Older versions are disabled in current JDKs anyway. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /**
     * Forward secrecy and AEAD only; every name is in Java 11 and 17. The ChaCha20-Poly1305 suites are left out: they
     * came with JDK 12 (CSR JDK-8204192), and a Java 11 James would fail every STARTTLS over the unknown name.
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

    private IncomingTlsDefaults() {
    }
}
