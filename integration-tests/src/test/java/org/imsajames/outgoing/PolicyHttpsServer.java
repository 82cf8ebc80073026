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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/** The policy hosts mta-sts.DOMAIN of the tests: HTTPS on port 443 of one loopback address, one body per Host. */
final class PolicyHttpsServer implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, String> policies = new ConcurrentHashMap<>();
    private final Map<String, byte[]> rawResponses = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "policy-https");
        thread.setDaemon(true);
        return thread;
    });

    private PolicyHttpsServer(ServerSocket server) {
        this.server = server;
    }

    static PolicyHttpsServer start(String address, SSLContext tls) throws IOException {
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(address), 443));
        PolicyHttpsServer https = new PolicyHttpsServer(server);
        https.threads.submit(https::acceptLoop);
        return https;
    }

    PolicyHttpsServer serve(String host, String policy) {
        policies.put(host, policy);
        return this;
    }

    /** Answers HOST's requests with exactly RESPONSE (status line, headers, body): redirects, oversized bodies. */
    PolicyHttpsServer serveResponse(String host, byte[] response) {
        rawResponses.put(host, response);
        return this;
    }

    /** "HOST PATH" of every request received. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.submit(() -> answer(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (Socket connection = socket) {
            connection.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), US_ASCII));
            String requestLine = in.readLine();
            String host = "";
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("host:")) {
                    host = line.substring(5).trim().toLowerCase(Locale.ROOT);
                }
            }
            String path = requestLine == null ? "" : requestLine.split(" ")[1];
            requests.add(host + " " + path);
            String policy = policies.get(host);
            OutputStream out = connection.getOutputStream();
            byte[] raw = rawResponses.get(host);
            if (raw != null) {
                out.write(raw);
            } else if (policy == null || !path.equals("/.well-known/mta-sts.txt")) {
                out.write("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(US_ASCII));
            } else {
                byte[] body = policy.getBytes(US_ASCII);
                out.write(("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(US_ASCII));
                out.write(body);
            }
            out.flush();
        } catch (IOException e) {
            requests.add("failed: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
