package org.imsajames.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imsajames.testkit.WebAdminTokens;
import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpServerXml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Connections page as a real James 3.8.1 serves it, with WebAdmin's JWT authentication on: {@code /imsa/ui} and
 * its two assets are public and sent with the strict headers, everything else still needs a token, and what is
 * served is the jar's static shell byte for byte (no state, no secret, nothing from elsewhere).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionsPageInJamesTest {
    private static final Pattern REFERENCE = Pattern.compile("\\b(?:src|href|action)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private JamesServerProcess james;
    private WebAdminTokens tokens;
    private URI base;

    @BeforeAll
    void startJames(@TempDir Path home) throws Exception {
        int webAdminPort = FreePorts.next();
        tokens = WebAdminTokens.generate();
        WebAdminProperties.writeInto(home, webAdminPort, tokens, WebAdminProperties.PAGE_ROUTES);
        SmtpServerXml.writeInto(home, SmtpServerXml.of(FreePorts.next(), SmtpServerXml.noTls(), ""));
        james = JamesServerProcess.start(home);
        base = URI.create("http://127.0.0.1:" + webAdminPort);
    }

    @AfterAll
    void stopJames() throws Exception {
        if (james != null) {
            james.close();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "/imsa/ui,         index.html, text/html",
        "/imsa/ui/app.js,  app.js,     text/javascript",
        "/imsa/ui/app.css, app.css,    text/css"})
    void pageAndAssetsArePublicStaticAndStrict(String path, String resource, String mediaType) throws Exception {
        HttpResponse<byte[]> response = get(path, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
            assertThat(type.replace(" ", "")).isEqualToIgnoringCase(mediaType + ";charset=utf-8"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(directives(csp)).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "*", "http:", "https:", "data:");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // Served verbatim from the jar: no state, token or other request-dependent text in it.
        assertThat(response.body()).isEqualTo(jarResource(resource));
    }

    @Test
    void jamesAuthenticationIsOnForEverythingElse() throws Exception {
        assertThat(get("/domains", null).statusCode()).isEqualTo(401);
        assertThat(get("/domains", tokens.nonAdmin("someone")).statusCode()).isEqualTo(401);
        assertThat(get("/domains", tokens.admin("admin@imsa.test")).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheListedPathsExist() throws Exception {
        for (String path : List.of("/imsa/ui/index.html", "/imsa/ui/app.js.map", "/imsa/ui/../imsa/ui/x",
            "/imsa/ui/org/imsajames/webadmin/ui/app.js", "/imsa/ui/%2e%2e/%2e%2e/etc/passwd")) {
            HttpResponse<byte[]> response = get(path, null);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
        }
    }

    @Test
    void pageLoadsOnlyItsOwnAssetsAndHasNoInlineCode() throws Exception {
        String html = new String(get("/imsa/ui", null).body(), java.nio.charset.StandardCharsets.UTF_8);

        Matcher reference = REFERENCE.matcher(html);
        int references = 0;
        while (reference.find()) {
            references++;
            assertThat(reference.group(1)).as("a reference in the page").startsWith("/imsa/ui/");
        }
        assertThat(references).isEqualTo(2);
        Matcher script = SCRIPT_TAG.matcher(html);
        assertThat(script.find()).isTrue();
        assertThat(script.group(1)).contains("src=\"/imsa/ui/app.js\"");
        assertThat(script.group(2)).isBlank();
        assertThat(script.find()).as("one script only").isFalse();
        assertThat(html).doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContainPattern("(?i)\\sstyle\\s*=")
            .doesNotContainPattern("(?i)<style").doesNotContain("javascript:");
    }

    @Test
    void scriptWritesTextNeverHtmlAndTalksOnlyToTheApi() throws Exception {
        String script = new String(get("/imsa/ui/app.js", null).body(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
            "new Function", "localStorage", "http://", "https://", "XMLHttpRequest");
        assertThat(script).contains("textContent", "sessionStorage", "const API = '/imsa/connections';");
        assertThat(Pattern.compile("fetch\\(").matcher(script).results().count()).as("one fetch call, to API + path").isEqualTo(1);
        assertThat(script).contains("fetch(API + path,");
        String css = new String(get("/imsa/ui/app.css", null).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(css).doesNotContain("@import", "url(");
    }

    private static List<String> directives(String csp) {
        return java.util.Arrays.stream(csp.split(";")).map(String::trim).collect(java.util.stream.Collectors.toList());
    }

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] jarResource(String name) throws Exception {
        try (InputStream in = ConnectionsPageInJamesTest.class.getResourceAsStream("/org/imsajames/webadmin/ui/" + name)) {
            assertThat(in).as(name + " on the test class path (the extension's resources)").isNotNull();
            return in.readAllBytes();
        }
    }
}
