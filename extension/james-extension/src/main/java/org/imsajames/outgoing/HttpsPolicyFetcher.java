package org.imsajames.outgoing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt} as RFC 8461 section 3.3 asks: the certificate
 * must chain to a trusted CA and name the policy host (the JDK's HTTPS endpoint identification), only a 200
 * with media type text/plain counts, redirects are refused (any status but 200 is a failure), and the whole fetch
 * is bounded in time and in size ({@link MtaStsPolicyParser#MAX_BODY_BYTES}). The host's address comes from the
 * given resolver (James's DNSService in James), so the operator's dnsservice.xml holds. HTTP/1.0 keeps the
 * response plain (no chunked encoding) for this one request.
 */
public final class HttpsPolicyFetcher implements MtaStsPolicyCache.PolicyFetcher {
    /** Resolves the policy host's addresses (James's DNSService.getAllByName). */
    public interface Resolver {
        List<InetAddress> addresses(String host) throws IOException;
    }

    private final Resolver resolver;
    private final SSLSocketFactory tls;
    private final int port;
    private final Duration timeout;

    public HttpsPolicyFetcher(Resolver resolver, SSLSocketFactory tls, int port, Duration timeout) {
        this.resolver = resolver;
        this.tls = tls;
        this.port = port;
        this.timeout = timeout;
    }

    @Override
    public byte[] fetch(String domain) throws MtaStsPolicyException {
        String host = "mta-sts." + domain.toLowerCase(Locale.ROOT);
        List<InetAddress> addresses;
        try {
            addresses = resolver.addresses(host);
        } catch (IOException e) {
            throw new MtaStsPolicyException(host + " does not resolve: " + e.getMessage(), e);
        }
        if (addresses.isEmpty()) {
            throw new MtaStsPolicyException(host + " has no address");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(addresses.get(0), port), millisLeft(deadline));
            plain.setSoTimeout(millisLeft(deadline));
            try (SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new SNIHostName(host)));
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(("GET /.well-known/mta-sts.txt HTTP/1.0\r\nHost: " + host
                        + "\r\nUser-Agent: imsa-james\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return body(host, readBounded(socket, deadline));
            }
        } catch (IOException e) {
            throw new MtaStsPolicyException("fetching https://" + host + "/.well-known/mta-sts.txt failed: " + e, e);
        }
    }

    /** Headers plus at most MAX_BODY_BYTES + 1 of body: enough to tell an oversized policy. */
    private static byte[] readBounded(Socket socket, long deadline) throws IOException, MtaStsPolicyException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int limit = MtaStsPolicyParser.MAX_BODY_BYTES + 16 * 1024;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            received.write(buffer, 0, read);
            if (received.size() > limit) {
                throw new MtaStsPolicyException("response over " + limit + " bytes");
            }
            socket.setSoTimeout(millisLeft(deadline));
        }
        return received.toByteArray();
    }

    static byte[] body(String host, byte[] response) throws MtaStsPolicyException {
        int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new MtaStsPolicyException(host + ": incomplete HTTP response");
        }
        String[] head = new String(response, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = head[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].equals("200")) {
            // 3xx included: RFC 8461 section 3.3 forbids following redirects.
            throw new MtaStsPolicyException(host + " answered '" + MtaStsPolicyException.shown(head[0])
                    + "', not 200");
        }
        String contentType = null;
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0 && head[i].substring(0, colon).trim().equalsIgnoreCase("Content-Type")) {
                contentType = head[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            }
        }
        if (contentType == null || !(contentType.equals("text/plain") || contentType.startsWith("text/plain;"))) {
            throw new MtaStsPolicyException(host + ": media type '" + (contentType == null ? "none"
                    : MtaStsPolicyException.shown(contentType)) + "' is not text/plain");
        }
        byte[] body = new byte[response.length - end - 4];
        System.arraycopy(response, end + 4, body, 0, body.length);
        if (body.length > MtaStsPolicyParser.MAX_BODY_BYTES) {
            throw new MtaStsPolicyException(host + ": policy over " + MtaStsPolicyParser.MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int millisLeft(long deadline) throws MtaStsPolicyException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new MtaStsPolicyException("policy fetch took longer than allowed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
