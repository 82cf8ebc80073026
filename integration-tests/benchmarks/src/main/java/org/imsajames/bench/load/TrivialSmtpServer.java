package org.imsajames.bench.load;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The least work an SMTP server can do, to show the load tool's own ceiling: "refuse" writes a 554 and closes;
 * "accept" answers a full session (STARTTLS too, with --keystore) without looking at what it receives.
 * Listens on 127.0.0.1 only and stops by itself after --max-seconds.
 */
@Command(name = "trivial-smtp-server", mixinStandardHelpOptions = true,
    description = "A do-nothing SMTP server on loopback, for the load tool's ceiling.")
public final class TrivialSmtpServer implements Callable<Integer> {
    private static final byte[] REFUSAL = "554 5.7.1 trivial refusal\r\n".getBytes(US_ASCII);

    @Option(names = "--port", required = true)
    private int port;

    @Option(names = "--mode", defaultValue = "refuse", description = "refuse or accept (default: ${DEFAULT-VALUE}).")
    private String mode;

    @Option(names = "--keystore", description = "PKCS12 keystore for STARTTLS (accept mode).")
    private Path keystore;

    @Option(names = "--secret-env", defaultValue = "BENCH_KEYSTORE_SECRET",
        description = "Environment variable holding the keystore password (default: ${DEFAULT-VALUE}).")
    private String secretVariable;

    @Option(names = "--max-seconds", defaultValue = "3600",
        description = "Stop after this long (default: ${DEFAULT-VALUE}).")
    private int maxSeconds;

    @Option(names = "--threads", defaultValue = "256",
        description = "Connections served at once (default: ${DEFAULT-VALUE}).")
    private int threads;

    private SSLSocketFactory tls;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrivialSmtpServer()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean refuse = "refuse".equals(mode);
        if (keystore != null) {
            String secret = System.getenv(secretVariable);
            if (secret == null) {
                System.err.println("error: --keystore needs the password in $" + secretVariable);
                return 2;
            }
            tls = serverTls(keystore, secret.toCharArray());
        }
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try (ServerSocket server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress())) {
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "stop-after-max-seconds");
                thread.setDaemon(true);
                return thread;
            }).schedule(() -> closeQuietly(server), maxSeconds, TimeUnit.SECONDS);
            System.out.println("trivial SMTP server (" + mode + ") listening on 127.0.0.1:" + server.getLocalPort());
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    break;
                }
                workers.execute(() -> serve(client, refuse));
            }
        } finally {
            workers.shutdownNow();
        }
        return 0;
    }

    private void serve(Socket client, boolean refuse) {
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout(30_000);
            if (refuse) {
                client.getOutputStream().write(REFUSAL);
                return;
            }
            converse(client);
        } catch (IOException e) {
            // The client went away: nothing to serve.
        }
    }

    private void converse(Socket plain) throws IOException {
        Socket socket = plain;
        OutputStream out = socket.getOutputStream();
        BufferedReader in = reader(socket.getInputStream());
        out.write("220 trivial ESMTP\r\n".getBytes(US_ASCII));
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (command) {
                case "EHLO" -> out.write(
                    (tls == null ? "250 trivial\r\n" : "250-trivial\r\n250 STARTTLS\r\n").getBytes(US_ASCII));
                case "STAR" -> {
                    out.write("220 go ahead\r\n".getBytes(US_ASCII));
                    SSLSocket upgraded = (SSLSocket) tls.createSocket(socket, null, socket.getPort(), true);
                    upgraded.setUseClientMode(false);
                    upgraded.startHandshake();
                    socket = upgraded;
                    out = socket.getOutputStream();
                    in = reader(socket.getInputStream());
                }
                case "DATA" -> {
                    out.write("354 go on\r\n".getBytes(US_ASCII));
                    while ((line = in.readLine()) != null && !".".equals(line)) {
                        // Discards the message.
                    }
                    out.write("250 ok\r\n".getBytes(US_ASCII));
                }
                case "QUIT" -> {
                    out.write("221 bye\r\n".getBytes(US_ASCII));
                    return;
                }
                default -> out.write("250 ok\r\n".getBytes(US_ASCII));
            }
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, US_ASCII));
    }

    private static SSLSocketFactory serverTls(Path keystore, char[] secret) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, secret);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, secret);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context.getSocketFactory();
    }

    private static void closeQuietly(ServerSocket server) {
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
