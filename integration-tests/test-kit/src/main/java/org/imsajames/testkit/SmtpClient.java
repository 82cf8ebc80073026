package org.imsajames.testkit;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A plain SMTP client over a real socket bound to a chosen loopback source address, so the server sees that
 * address. Reads byte by byte on purpose: nothing is buffered across a STARTTLS switch.
 */
public final class SmtpClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 15_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpClient(Socket socket) throws IOException {
        use(socket);
    }

    public static SmtpClient connect(String sourceAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.bind(new InetSocketAddress(sourceAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        return new SmtpClient(socket);
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** The next reply, all its lines; {@link Reply#CLOSED} when the server closed the connection first. */
    public Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                return lines.isEmpty() ? Reply.CLOSED : new Reply(lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(lines);
            }
        }
    }

    public Reply send(String command) throws IOException {
        write(command + "\r\n");
        return read();
    }

    public void write(String raw) throws IOException {
        out.write(raw.getBytes(US_ASCII));
        out.flush();
    }

    /** Upgrades the connection after a 220 to STARTTLS; returns the TLS socket for inspection. */
    public SSLSocket startTls(SSLSocketFactory factory, String... onlyProtocols) throws IOException {
        return startTls(factory, tls -> {
            if (onlyProtocols.length > 0) {
                tls.setEnabledProtocols(onlyProtocols);
            }
        });
    }

    /** As above; {@code configure} sets protocols, cipher suites (and may check them) before the handshake. */
    public SSLSocket startTls(SSLSocketFactory factory, Consumer<SSLSocket> configure) throws IOException {
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, "localhost", socket.getPort(), true);
        tls.setUseClientMode(true);
        configure.accept(tls);
        tls.startHandshake();
        use(tls);
        return tls;
    }

    /** True when the server has closed the connection and sent nothing more. */
    public boolean closedByServer() throws IOException {
        return in.read() == -1;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, US_ASCII);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One SMTP reply. */
    public static final class Reply {
        public static final Reply CLOSED = new Reply(List.of());

        private final List<String> lines;

        Reply(List<String> lines) {
            this.lines = List.copyOf(lines);
        }

        public String code() {
            return lines.isEmpty() ? "(closed)" : lines.get(0).substring(0, Math.min(3, lines.get(0).length()));
        }

        public List<String> lines() {
            return lines;
        }

        public boolean has(String keyword) {
            return lines.stream().anyMatch(line -> line.length() > 4 && line.substring(4).toUpperCase().startsWith(keyword));
        }

        @Override
        public String toString() {
            return lines.isEmpty() ? "(closed)" : String.join("\n", lines);
        }
    }
}
