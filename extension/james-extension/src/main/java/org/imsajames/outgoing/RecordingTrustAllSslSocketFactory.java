package org.imsajames.outgoing;

import java.security.GeneralSecurityException;

import javax.net.SocketFactory;

import com.sun.mail.util.MailSSLSocketFactory;

/**
 * {@link RecordingSslSocketFactory} for our RemoteDelivery at the levels that accept any certificate
 * ({@code mail.smtp.ssl.trust=*}): JavaMail's own MailSSLSocketFactory trusting all hosts, exactly what JavaMail
 * builds for that property, since naming a socket factory class makes JavaMail skip its ssl.trust handling.
 */
public final class RecordingTrustAllSslSocketFactory extends RecordingSslSocketFactory {
    private static final RecordingTrustAllSslSocketFactory TRUST_ALL = new RecordingTrustAllSslSocketFactory();

    private RecordingTrustAllSslSocketFactory() {
        super(trustAll());
    }

    private static MailSSLSocketFactory trustAll() {
        try {
            MailSSLSocketFactory factory = new MailSSLSocketFactory();
            factory.setTrustAllHosts(true);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context for outgoing STARTTLS", e);
        }
    }

    /** What JavaMail calls (SocketFetcher.getSocketFactory) on the class named in its property. */
    public static SocketFactory getDefault() {
        return TRUST_ALL;
    }
}
