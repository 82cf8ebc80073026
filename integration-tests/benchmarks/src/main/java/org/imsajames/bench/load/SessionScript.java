package org.imsajames.bench.load;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** One SMTP client session, step by step, failing on the first reply the scenario does not expect. */
final class SessionScript {
    private static final int REFUSED = 554;
    private static final int TIMEOUT_MILLIS = 10_000;

    private final InetSocketAddress target;
    private final SessionMode mode;
    private final int expectedFirstReply;
    private final SSLSocketFactory tls;
    private final byte[] message;
    private volatile String tlsParameters;

    /** tls is null for a session without STARTTLS. */
    SessionScript(InetSocketAddress target, SessionMode mode, int expectedFirstReply, SSLSocketFactory tls,
        int messageBytes) {
        this.target = target;
        this.mode = mode;
        this.expectedFirstReply = expectedFirstReply;
        this.tls = tls;
        this.message = message(messageBytes);
    }

    void run(InetAddress source) throws IOException, SessionFailure {
        try (SmtpConnection connection = SmtpConnection.open(source, target, TIMEOUT_MILLIS)) {
            int first = connection.readReply();
            expect(connection, "first reply", first, expectedFirstReply);
            if (first == REFUSED) {
                return; // the client hangs up; Postfix would answer 503 to anything but QUIT
            }
            if (mode == SessionMode.CONNECT) {
                connection.send("QUIT");
                expect(connection, "QUIT", connection.readReply(), 221);
                return;
            }
            fullSession(connection);
        }
    }

    private void fullSession(SmtpConnection connection) throws IOException, SessionFailure {
        command(connection, "EHLO load.bench.test", 250);
        if (tls != null) {
            command(connection, "STARTTLS", 220);
            SSLSocket socket = connection.startTls(tls, "localhost");
            if (tlsParameters == null) {
                tlsParameters = socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite();
            }
            // Every session pays a full handshake, as a new client would: no resumption.
            socket.getSession().invalidate();
            command(connection, "EHLO load.bench.test", 250);
        }
        command(connection, "MAIL FROM:<load@bench.test>", 250);
        command(connection, "RCPT TO:<sink@bench.test>", 250);
        command(connection, "DATA", 354);
        connection.write(message);
        expect(connection, "end of DATA", connection.readReply(), 250);
        command(connection, "QUIT", 221);
    }

    private static void command(SmtpConnection connection, String command, int expected)
        throws IOException, SessionFailure {
        connection.send(command);
        expect(connection, command.split(" ")[0], connection.readReply(), expected);
    }

    private static void expect(SmtpConnection connection, String step, int code, int expected) throws SessionFailure {
        if (code != expected) {
            throw new SessionFailure(step + ": " + (code == SmtpConnection.CLOSED ? "closed" : connection.lastLine())
                + " (expected " + expected + ")");
        }
    }

    /** Protocol and cipher of the first TLS session, or null. */
    String tlsParameters() {
        return tlsParameters;
    }

    /** A message of size bytes (headers, body lines of at most 78 bytes), then the DATA terminator. */
    static byte[] message(int size) {
        StringBuilder text = new StringBuilder(size + 8)
            .append("From: <load@bench.test>\r\nTo: <sink@bench.test>\r\nSubject: load\r\n\r\n");
        if (size < text.length() + 2) {
            throw new IllegalArgumentException("a message needs at least " + (text.length() + 2) + " bytes");
        }
        while (size - text.length() > 78) {
            text.append("x".repeat(76)).append("\r\n");
        }
        text.append("x".repeat(size - text.length() - 2)).append("\r\n");
        return text.append(".\r\n").toString().getBytes(US_ASCII);
    }
}
