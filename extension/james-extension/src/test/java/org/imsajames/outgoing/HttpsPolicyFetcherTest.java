package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

/** What counts as a fetched policy (RFC 8461 section 3.3), and a policy host that never answers. */
class HttpsPolicyFetcherTest {
    private static final String HOST = "mta-sts.example.com";

    @Test
    void onlyA200WithTextPlainGivesTheBody() throws Exception {
        assertThat(body("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nversion: STSv1\r\n"))
                .isEqualTo("version: STSv1\r\n");
        assertThat(body("HTTP/1.0 200 OK\r\ncontent-type: TEXT/PLAIN\r\n\r\nx")).isEqualTo("x");
    }

    @Test
    void redirectsAndOtherStatusesAreRefusedNotFollowed() {
        refused("HTTP/1.1 301 Moved Permanently\r\nLocation: https://evil.example/\r\nContent-Type: text/plain\r\n\r\n",
                "answered 'HTTP/1.1 301 Moved Permanently', not 200");
        refused("HTTP/1.1 302 Found\r\nLocation: /x\r\n\r\n", "not 200");
        refused("HTTP/1.1 404 Not Found\r\n\r\n", "not 200");
        refused("SMTP/1.0 200 OK\r\n\r\n", "not 200");
    }

    @Test
    void anyOtherMediaTypeOrAnIncompleteResponseIsRefused() {
        refused("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nversion: STSv1", "media type 'text/html'");
        refused("HTTP/1.1 200 OK\r\n\r\nversion: STSv1", "media type 'none'");
        refused("HTTP/1.1 200 OK\r\nContent-Type: text/plainx\r\n\r\n", "is not text/plain");
        refused("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n", "incomplete HTTP response");
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        refused("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + "a".repeat(MtaStsPolicyParser.MAX_BODY_BYTES + 1),
                "policy over 65536 bytes");
    }

    @Test
    void aPolicyHostThatNeverAnswersIsGivenUpAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Thread accepting = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (Exception e) {
                    // closed by the test
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            HttpsPolicyFetcher fetcher = new HttpsPolicyFetcher(host -> List.of(InetAddress.getByName("127.0.0.1")),
                    (SSLSocketFactory) SSLSocketFactory.getDefault(), silent.getLocalPort(), Duration.ofMillis(500));

            assertThatThrownBy(() -> fetcher.fetch("example.com")).isInstanceOf(MtaStsPolicyException.class)
                    .hasMessageContaining("https://mta-sts.example.com/.well-known/mta-sts.txt");
        }
    }

    @Test
    void aPolicyHostWithoutAddressIsAFailedFetch() {
        HttpsPolicyFetcher fetcher = new HttpsPolicyFetcher(host -> List.of(),
                (SSLSocketFactory) SSLSocketFactory.getDefault(), 443, Duration.ofSeconds(1));

        assertThatThrownBy(() -> fetcher.fetch("Example.COM")).isInstanceOf(MtaStsPolicyException.class)
                .hasMessage("mta-sts.example.com has no address");
    }

    private static String body(String response) throws MtaStsPolicyException {
        return new String(HttpsPolicyFetcher.body(HOST, response.getBytes(US_ASCII)), US_ASCII);
    }

    private static void refused(String response, String message) {
        assertThatThrownBy(() -> body(response)).as(response.lines().findFirst().orElse(""))
                .isInstanceOf(MtaStsPolicyException.class).hasMessageContaining(message);
    }
}
