package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The receiving mail server of one test destination: port 25 of one loopback address, STARTTLS offered only when
 * given a TLS context. It keeps a record of every session (who connected, whether and how TLS was negotiated,
 * which message it accepted), which is what the tests check: nothing is delivered unless this record says so.
 */
final class LoopbackSmtpReceiver implements AutoCloseable {
    private final String name;
    private final SSLContext tls;
    private final ServerSocket server;
    private final ExecutorService sessions = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Session> record = new CopyOnWriteArrayList<>();

    private LoopbackSmtpReceiver(String name, SSLContext tls, ServerSocket server) {
        this.name = name;
        this.tls = tls;
        this.server = server;
    }

    /** Listens on ADDRESS:25; with TLS null, EHLO does not offer STARTTLS. */
    static LoopbackSmtpReceiver start(String name, String address, SSLContext tls) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(address), 25));
        LoopbackSmtpReceiver receiver = new LoopbackSmtpReceiver(name, tls, server);
        receiver.sessions.submit(receiver::acceptLoop);
        return receiver;
    }

    List<Session> sessions() {
        return List.copyOf(record);
    }

    /** The messages accepted (after the final "."), one per session that got that far. */
    List<Session> deliveries() {
        List<Session> delivered = new ArrayList<>();
        for (Session session : record) {
            if (session.data != null) {
                delivered.add(session);
            }
        }
        return delivered;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sessions.submit(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Session session = new Session(socket.getInetAddress().getHostAddress());
        record.add(session);
        try (Socket plain = socket) {
            plain.setSoTimeout(30_000);
            Socket current = plain;
            BufferedReader in = reader(current);
            OutputStream out = current.getOutputStream();
            reply(out, "220 " + name + " ESMTP test receiver");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                if (verb.equals("EHLO")) {
                    session.ehlo++;
                    reply(out, "250-" + name + (tls != null && session.tlsProtocol == null ? "\r\n250-STARTTLS" : "")
                            + "\r\n250 8BITMIME");
                } else if (verb.equals("HELO")) {
                    reply(out, "250 " + name);
                } else if (line.equalsIgnoreCase("STARTTLS") && tls != null && session.tlsProtocol == null) {
                    session.startTlsCommand = true;
                    reply(out, "220 2.0.0 Ready to start TLS");
                    SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(current,
                            current.getInetAddress().getHostAddress(), current.getPort(), true);
                    secure.setUseClientMode(false);
                    try {
                        secure.startHandshake();
                    } catch (IOException e) {
                        session.handshakeFailure = e.toString();
                        return;
                    }
                    session.tlsProtocol = secure.getSession().getProtocol();
                    current = secure;
                    in = reader(current);
                    out = current.getOutputStream();
                } else if (verb.equals("MAIL")) {
                    session.mailFrom = line.substring(line.indexOf(':') + 1).trim();
                    reply(out, "250 2.1.0 Ok");
                } else if (verb.equals("RCPT")) {
                    session.recipients.add(line.substring(line.indexOf(':') + 1).trim());
                    reply(out, "250 2.1.5 Ok");
                } else if (verb.equals("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        data.append(dataLine).append('\n');
                    }
                    session.data = data.toString();
                    reply(out, "250 2.0.0 Ok: queued");
                } else if (verb.equals("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else if (verb.equals("RSET") || verb.equals("NOOP")) {
                    reply(out, "250 2.0.0 Ok");
                } else {
                    reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException e) {
            session.closedWith = e.toString();
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        sessions.shutdownNow();
    }

    /** One connection as this receiver saw it. */
    static final class Session {
        final String client;
        volatile int ehlo;
        volatile boolean startTlsCommand;
        volatile String tlsProtocol;
        volatile String handshakeFailure;
        volatile String mailFrom;
        final List<String> recipients = new CopyOnWriteArrayList<>();
        volatile String data;
        volatile String closedWith;

        Session(String client) {
            this.client = client;
        }

        boolean overTls() {
            return tlsProtocol != null;
        }

        @Override
        public String toString() {
            return "session from " + client + ": ehlo=" + ehlo + " starttls=" + startTlsCommand + " tls=" + tlsProtocol
                    + " handshakeFailure=" + handshakeFailure + " from=" + mailFrom + " to=" + recipients
                    + " data=" + (data == null ? "none" : data.length() + " chars") + " closed=" + closedWith;
        }
    }
}
