package org.imsajames.outgoing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * JavaMail's {@code mail.smtp.ssl.socketFactory.class} for STARTTLS in our RemoteDelivery when it verifies
 * certificates (no {@code mail.smtp.ssl.trust}): the JVM's default SSL socket factory, as JavaMail would use it, with
 * each TLS socket noted in the current {@link DeliveryAttempt} so the decision log can give the TLS version
 * negotiated. JavaMail still runs the handshake and the server identity check itself.
 */
public class RecordingSslSocketFactory extends SSLSocketFactory {
    private static final RecordingSslSocketFactory VERIFYING =
            new RecordingSslSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault());

    private final SSLSocketFactory delegate;

    RecordingSslSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /** What JavaMail calls (SocketFetcher.getSocketFactory) on the class named in its property. */
    public static SocketFactory getDefault() {
        return VERIFYING;
    }

    private static Socket noted(Socket socket) {
        if (socket instanceof SSLSocket) {
            DeliveryAttempt.current().ifPresent(attempt -> attempt.startedTls((SSLSocket) socket));
        }
        return socket;
    }

    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        return noted(delegate.createSocket(plain, host, port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
        return noted(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noted(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noted(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noted(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noted(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
