package org.imsajames.bench.load;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** One client connection with its own line buffer, so that nothing read ahead is lost across STARTTLS. */
final class SmtpConnection implements Closeable {
    /** The code read when the server closed instead of answering. */
    static final int CLOSED = -1;

    private final Socket plain;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[4096];
    private int position;
    private int limit;
    private String lastLine = "";

    private SmtpConnection(Socket socket) throws IOException {
        this.plain = socket;
        use(socket);
    }

    static SmtpConnection open(InetAddress source, InetSocketAddress target, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(target, timeoutMillis);
            return new SmtpConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** The code of the next reply (its last line's), or {@link #CLOSED}. */
    int readReply() throws IOException {
        while (true) {
            String line = readLine();
            if (line == null) {
                return CLOSED;
            }
            lastLine = line;
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line.length() >= 3 ? parseCode(line) : 0;
            }
        }
    }

    private static int parseCode(String line) {
        try {
            return Integer.parseInt(line.substring(0, 3));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The last reply line read, for error reports. */
    String lastLine() {
        return lastLine;
    }

    void send(String command) throws IOException {
        write((command + "\r\n").getBytes(US_ASCII));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    SSLSocket startTls(SSLSocketFactory factory, String host) throws IOException {
        if (position != limit) {
            throw new IOException("server sent data before the TLS handshake");
        }
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, host, socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
        return tls;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line.length() == 0 ? null : line.toString();
                }
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            line.append((char) (b & 0xff));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            plain.close();
        }
    }
}
