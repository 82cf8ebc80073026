package org.imsajames.containers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain-socket SMTP client whose connection comes from a chosen loopback source address
 * (127.0.0.2, 127.0.0.3, ...): that source is what connection control decides on.
 */
final class SmtpClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private SmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        this.out = socket.getOutputStream();
    }

    /** Connects from {@code sourceAddress} to James on 127.0.0.1:{@code port}. */
    static SmtpClient connect(String sourceAddress, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(sourceAddress, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return new SmtpClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The next reply, all lines of a multi-line reply joined by '\n'; {@code null} once the server
     * has closed the connection.
     */
    String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            reply.append(reply.length() == 0 ? "" : "\n").append(line);
            // "250-..." continues a reply, "250 ..." ends it (RFC 5321 4.2.1).
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
        return reply.length() == 0 ? null : reply.toString();
    }

    /** Sends one command line and returns the reply. */
    String send(String commandLine) throws IOException {
        out.write((commandLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** True once the server has closed the connection (nothing more to read). */
    boolean closedByServer() throws IOException {
        return in.read() == -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
