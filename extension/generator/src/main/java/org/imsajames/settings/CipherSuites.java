package org.imsajames.settings;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The incoming TLS cipher policy. James hands the list to every TLS engine it creates, and an engine refuses the
 * whole list over one name it does not know, so every name must be one the JVM running James supports.
 */
public final class CipherSuites {
    /** {@link IncomingTlsDefaults#CIPHER_SUITES}: forward secrecy and AEAD only, every name in Java 11 and 17. */
    public static final List<String> DEFAULT = IncomingTlsDefaults.CIPHER_SUITES;

    private CipherSuites() {
    }

    /** What this JVM can negotiate, its disabled algorithms (java.security) already taken out. */
    static Set<String> supportedByThisJvm() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            // No keys and no trust store needed to list suites: this must not read any key or trust store.
            context.init(new KeyManager[0], new TrustManager[0], null);
            return new TreeSet<>(Arrays.asList(context.getSupportedSSLParameters().getCipherSuites()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no TLS implementation", e);
        }
    }

    /** TLS 1.3 suites (RFC 8446) name only the cipher and hash; TLS 1.2 ones also the key exchange ("_WITH_"). */
    static boolean isFor(String suite, String protocol) {
        boolean tls13Suite = !suite.contains("_WITH_") && !suite.endsWith("_SCSV");
        return protocol.equals("TLSv1.3") ? tls13Suite : suite.contains("_WITH_");
    }
}
