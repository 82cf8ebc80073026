package org.imsajames.testkit;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS client side that accepts any server certificate: the servers under test present throw-away self-signed
 * ones, and a test that cares about the certificate inspects the session itself. Never for anything but tests.
 */
public final class TrustAllCertificates implements X509TrustManager {
    private TrustAllCertificates() {
    }

    /**
     * A client socket factory that accepts any server certificate; with a protocol (e.g. "TLSv1.2") its SSLContext
     * is of that protocol, so that old protocols can be offered.
     */
    public static SSLSocketFactory socketFactory(String... protocols) {
        try {
            SSLContext context = SSLContext.getInstance(protocols.length == 0 ? "TLS" : protocols[0]);
            context.init(null, new TrustManager[] {new TrustAllCertificates()}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
