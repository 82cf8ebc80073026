package org.imsajames.containers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The few WebAdmin calls the suites need to set up a local mailbox and see what was delivered to it.
 * WebAdmin works the same on every James image, unlike a CLI whose path differs.
 */
final class JamesWebAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    JamesWebAdmin(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    void addDomain(String domain) throws IOException, InterruptedException {
        expect(204, send(HttpRequest.newBuilder(base.resolve("/domains/" + domain))
                .PUT(HttpRequest.BodyPublishers.noBody())));
    }

    boolean hasDomain(String domain) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/domains/" + domain)).GET());
        if (response.statusCode() == 404) {
            return false;
        }
        expect(204, response);
        return true;
    }

    void addUser(String user, String password) throws IOException, InterruptedException {
        expect(204, send(HttpRequest.newBuilder(base.resolve("/users/" + user))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}"))));
    }

    /** Waits until the user's INBOX holds {@code expected} messages; returns the last count seen. */
    long awaitInboxCount(String user, long expected) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        long count = inboxCount(user);
        while (count != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            count = inboxCount(user);
        }
        return count;
    }

    // The INBOX is created by the first delivery: until then WebAdmin answers 404.
    long inboxCount(String user) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                base.resolve("/users/" + user + "/mailboxes/INBOX/messageCount")).GET());
        if (response.statusCode() == 404) {
            return 0;
        }
        return Long.parseLong(expect(200, response).body().trim());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " (expected " + status + "): " + response.body());
        }
        return response;
    }
}
