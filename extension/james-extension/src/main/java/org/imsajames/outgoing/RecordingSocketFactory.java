package org.imsajames.outgoing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * JavaMail's {@code mail.smtp.socketFactory.class} for our RemoteDelivery: plain sockets, as JavaMail would make
 * them, each noted in the current {@link DeliveryAttempt} so the decision log can name the MX host it reached.
 * JavaMail asks for an unconnected socket and connects it itself, with its own timeouts.
 */
public final class RecordingSocketFactory extends SocketFactory {
    private static final RecordingSocketFactory INSTANCE = new RecordingSocketFactory();

    /** What JavaMail calls (SocketFetcher.getSocketFactory) on the class named in its property. */
    public static SocketFactory getDefault() {
        return INSTANCE;
    }

    private static Socket noted(Socket socket) {
        DeliveryAttempt.current().ifPresent(attempt -> attempt.connecting(socket));
        return socket;
    }

    @Override
    public Socket createSocket() {
        return noted(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noted(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noted(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noted(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noted(new Socket(address, port, localAddress, localPort));
    }
}
