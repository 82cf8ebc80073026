package org.imsajames.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import javax.net.ssl.SSLSocket;

import org.imsajames.testkit.WebAdminTokens;
import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.TestPki;
import org.imsajames.testkit.TrustAllCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Connections page in Debian's headless Chromium against a real James 3.8.1 (conf from {@code bin/imsa-james
 * generate}, WebAdmin with JWT on, our routes from the drop-in jar): what an admin does on the screen, and what
 * real SMTP clients on loopback sources see afterwards. The tests run in order on one James and one browser, as one
 * admin's session would.
 *
 * <p>Screenshots go to {@code target/screenshots/}; with {@code -Dimsa.screenshots.update=true} also to
 * {@code integration-tests/screenshots/}, the copies the README shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectionsPageBrowserTest {
    private static final Duration IN_FORCE_WITHIN = Duration.ofSeconds(2);
    private static final String ADMIN = "admin@imsa.test";

    private JamesServerProcess james;
    private HeadlessChromium browser;
    private WebDriver page;
    private WebDriverWait wait;
    private WebAdminTokens tokens;
    private int smtpPort;
    private URI webAdmin;
    private Path work;
    private Path settings;
    private Path home;

    @BeforeAll
    void startJamesAndBrowser(@TempDir Path work) throws Exception {
        this.work = work;
        smtpPort = FreePorts.next();
        int webAdminPort = FreePorts.next();
        home = Files.createDirectories(work.resolve("james"));
        tokens = WebAdminTokens.generate();
        // webadmin.properties as the generator writes it from webAdmin: (JWT with that key, the API and the page).
        settings = ScreenSettings.generate(work, home, smtpPort, webAdminPort, tokens);
        james = JamesServerProcess.start(home);
        webAdmin = URI.create("http://127.0.0.1:" + webAdminPort);

        browser = HeadlessChromium.start(work.resolve("chromium-profile"));
        page = browser.driver();
        wait = new WebDriverWait(page, Duration.ofSeconds(20));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (james != null) {
            james.close();
        }
    }

    @Test
    @Order(1)
    void asksForTheTokenOnceRefusesANonAdminOneAndKeepsItInSessionStorage() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(webAdmin + "/imsa/connections")).GET().build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).as("the API without a token").isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(webAdmin + "/imsa/ui")).GET().build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).as("the page without a token").isEqualTo(200);

        page.get(webAdmin + "/imsa/ui");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-panel")));
        assertThat(page.findElement(By.id("screen")).isDisplayed()).isFalse();
        screenshot("token.png");

        type("token-input", tokens.nonAdmin("someone"));
        page.findElement(By.id("token-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("token-error"), "refused"));
        assertThat(page.findElement(By.id("screen")).isDisplayed()).isFalse();

        String token = tokens.admin(ADMIN);
        type("token-input", token);
        page.findElement(By.id("token-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("screen")));
        assertThat(browser.script("return sessionStorage.getItem('imsa-james.webadmin-token')")).isEqualTo(token);
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        // The generator writes its list file in CIDR form; the screen shows entries as the list file has them.
        assertThat(entriesShown()).containsExactly("127.0.29.9/32");

        page.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("screen")));
        assertThat(page.findElement(By.id("token-panel")).isDisplayed()).as("asked once per tab").isFalse();
    }

    @Test
    @Order(2)
    void denyAllExceptTwoEntriesThenSaveAndRealClientsAreAcceptedOrRefused() throws Exception {
        page.findElement(By.id("policy-deny")).click();
        addEntry("127.0.30.2");
        addEntry("127.0.31.0:255.255.255.0");
        removeEntry("127.0.29.9/32");
        assertThat(entriesShown()).containsExactly("127.0.30.2", "127.0.31.0:255.255.255.0");
        String before = version();

        save();

        assertThat(okBanner()).contains("Saved").contains("Connection Control");
        assertThat(version()).isNotEqualTo(before);
        long acceptedAfter = awaitGreeting("127.0.30.2", "220");
        long refusedAfter = awaitGreeting("127.0.32.5", "554");
        assertThat(awaitGreeting("127.0.31.77", "220")).isLessThan(IN_FORCE_WITHIN.toMillis());
        assertThat(awaitGreeting("127.0.29.9", "554")).isLessThan(IN_FORCE_WITHIN.toMillis());
        System.out.printf("[browser] after Save: 127.0.30.2 greeted after %d ms, 127.0.32.5 refused after %d ms%n",
            acceptedAfter, refusedAfter);

        type("lookup-ip", "127.0.31.200");
        page.findElement(By.id("lookup-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lookup-result"), "accepted"));
        assertThat(text("lookup-result")).contains("127.0.31.200 is accepted");
        screenshot("connections.png");
    }

    @Test
    @Order(3)
    void aBadEntryIsShownAsTextWithItsErrorBesideItAndNothingIsSaved() throws Exception {
        String before = version();
        addEntry("10.0.0.0:255.0.255.0");
        addEntry("<b>bold</b>");

        save();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-banner")));
        WebElement bad = entryRow("10.0.0.0:255.0.255.0");
        assertThat(bad.getAttribute("class")).contains("has-error");
        assertThat(bad.findElement(By.className("field-error")).getText()).contains("contiguous");
        WebElement html = entryRow("<b>bold</b>");
        assertThat(html.findElement(By.className("entry")).getText()).isEqualTo("<b>bold</b>");
        assertThat(page.findElements(By.cssSelector("#entry-list b"))).as("an entry is text, never HTML").isEmpty();
        assertThat(html.findElement(By.className("field-error")).getText()).isNotBlank();
        assertThat(entryRow("127.0.30.2").getAttribute("class")).doesNotContain("has-error");
        assertThat(version()).isEqualTo(before);
        assertThat(currentState()).contains("\"127.0.30.2\"").doesNotContain("10.0.0.0");
        screenshot("entry-error.png");

        removeEntry("10.0.0.0:255.0.255.0");
        removeEntry("<b>bold</b>");
    }

    @Test
    @Order(4)
    void importAFileWithABadLineShowsTheErrorAtThatLineAndImportsNothing() throws Exception {
        Path file = work.resolve("partners.txt");
        Files.writeString(file, "# partners\n127.0.40.1\n127.0.41.0/24\n10.0.0.0:255.0.255.0\n127.0.42.1\n");
        String before = version();

        page.findElement(By.id("import-file")).sendKeys(file.toString());
        page.findElement(By.id("import-append")).click();
        page.findElement(By.id("import-button")).click();

        WebElement line = wait.until(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#import-lines li[data-line='4']")));
        assertThat(line.findElement(By.className("line-number")).getText()).isEqualTo("line 4");
        assertThat(line.findElement(By.className("line-text")).getText()).isEqualTo("10.0.0.0:255.0.255.0");
        assertThat(line.findElement(By.className("field-error")).getText()).contains("contiguous");
        assertThat(page.findElements(By.cssSelector("#import-lines li"))).hasSize(1);
        assertThat(text("import-error")).startsWith("Nothing was imported");
        assertThat(version()).isEqualTo(before);
        screenshot("import-error.png");

        Files.writeString(file, "# partners\n127.0.40.1\n127.0.41.0/24\n");
        browser.script("arguments[0].value = ''", page.findElement(By.id("import-file")));
        page.findElement(By.id("import-file")).sendKeys(file.toString());
        page.findElement(By.id("import-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ok-banner"), "Imported"));
        assertThat(entriesShown()).containsExactly("127.0.30.2", "127.0.31.0:255.255.255.0", "127.0.40.1", "127.0.41.0/24");
        assertThat(awaitGreeting("127.0.41.9", "220")).isLessThan(IN_FORCE_WITHIN.toMillis());
    }

    @Test
    @Order(5)
    void uploadAKeyAndCertificateAndTheNextHandshakeServesIt() throws Exception {
        // A CA whose name is HTML: the page must show the issuer as text.
        java.time.Instant now = java.time.Instant.now();
        TestPki.Authority ca = TestPki.rootAuthority("\\<b\\>bold CA\\</b\\>", TestPki.KeyType.EC,
            now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(3650)));
        java.security.KeyPair keys = TestPki.keyPair(TestPki.KeyType.EC);
        X509Certificate certificate = ca.issueServerCertificate(keys.getPublic(), now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(365)));
        Path uploadDir = Files.createDirectories(work.resolve("upload"));
        Path keyFile = uploadDir.resolve("server.key");
        Path certificateFile = uploadDir.resolve("server.crt");
        Path caFile = uploadDir.resolve("ca.crt");
        TestPki.writeKey(keyFile, keys.getPrivate(), TestPki.KeyEncoding.PEM_PKCS8, null);
        TestPki.writeCertificates(certificateFile, TestPki.CertificateEncoding.PEM, certificate);
        TestPki.writeCertificates(caFile, TestPki.CertificateEncoding.PEM, ca.certificate());
        String fingerprint = fingerprint(certificate);
        assertThat(text("cert-sha256")).isNotEqualTo(fingerprint);

        page.findElement(By.id("ca-file")).sendKeys(caFile.toString());
        page.findElement(By.id("key-file")).sendKeys(keyFile.toString());
        page.findElement(By.id("cert-file")).sendKeys(certificateFile.toString());
        page.findElement(By.id("upload-button")).click();

        wait.until(driver -> !text("upload-error").isEmpty() || text("ok-banner").contains("Uploaded"));
        assertThat(text("upload-error")).as("the page's upload error").isEmpty();
        assertThat(text("cert-sha256")).isEqualTo(fingerprint);
        assertThat(text("cert-subject")).isEqualTo(certificate.getSubjectX500Principal().getName());
        assertThat(text("cert-issuer")).isEqualTo(certificate.getIssuerX500Principal().getName()).contains("<b");
        assertThat(page.findElements(By.cssSelector("#certificate b"))).as("certificate fields are text, never HTML").isEmpty();
        assertThat(text("cert-expiry")).isEqualTo(certificate.getNotAfter().toInstant().toString());
        long servedAfter = awaitServedCertificate(certificate);
        System.out.printf("[browser] after Upload: the new certificate served after %d ms%n", servedAfter);
        String keyBody = Files.readAllLines(keyFile).get(1);
        assertThat(james.log()).as("the uploaded key in James's log").doesNotContain(keyBody)
            .contains("certificate upload (body not logged: it holds a private key), as multipart/form-data");
        assertThat(browser.script("return document.getElementById('key-file').value")).isEqualTo("");
        screenshot("tls.png");
    }

    @Test
    @Order(6)
    void tickTlsOnlyAndAPlaintextMailGets530() throws Exception {
        assertThat(mailFromWithoutTls("127.0.30.2")).startsWith("250");
        page.findElement(By.id("tls-only")).click();

        save();

        assertThat(okBanner()).contains("Saved").contains("Transport Layer Security");
        long start = System.nanoTime();
        long deadline = start + IN_FORCE_WITHIN.toNanos();
        String reply = mailFromWithoutTls("127.0.30.2");
        while (!reply.startsWith("530") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            reply = mailFromWithoutTls("127.0.30.2");
        }
        assertThat(reply).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
        System.out.printf("[browser] after Save: TLS only in force after %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    @Order(7)
    void aStaleSaveGets412ChangesNothingAndOffersToReload() throws Exception {
        String pageVersion = version();
        // Another admin saves meanwhile, through the API.
        HttpResponse<String> other = api("PUT", "/connection-control", pageVersion,
            "{\"entries\": [\"127.0.30.2\", \"127.0.31.0:255.255.255.0\", \"127.0.40.1\", \"127.0.41.0/24\", \"127.0.43.1\"]}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        String otherVersion = other.headers().firstValue("ETag").orElseThrow();

        addEntry("127.0.44.1");
        save();

        WebElement stale = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("stale-banner")));
        assertThat(stale.getText()).contains("Someone else saved");
        assertThat(currentEtag()).isEqualTo(otherVersion);
        assertThat(currentState()).doesNotContain("127.0.44.1");
        screenshot("stale.png");

        page.findElement(By.id("stale-reload")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("stale-banner")));
        assertThat(entriesShown()).contains("127.0.43.1").doesNotContain("127.0.44.1");
        assertThat("\"" + version() + "\"").isEqualTo(otherVersion);
    }

    @Test
    @Order(99)
    void thePageBrokeNoContentSecurityPolicyRuleAndThrewNoScriptError() {
        List<String> console = browser.consoleMessages();
        assertThat(console).noneMatch(line -> line.contains("Content Security Policy"))
            .noneMatch(line -> line.contains("Uncaught"));
    }

    @Test
    @Order(8)
    void restoreTheVersionBeforeTheOtherAdminsChangeAndItIsInForce() throws Exception {
        assertThat(awaitGreeting("127.0.43.1", "220")).isLessThan(IN_FORCE_WITHIN.toMillis());
        List<WebElement> rows = page.findElements(By.cssSelector("#history-rows tr"));
        assertThat(rows.size()).isGreaterThanOrEqualTo(2);
        assertThat(rows.get(0).getText()).contains("other-admin@imsa.test").contains("+ 127.0.43.1");
        String previous = rows.get(1).findElements(By.tagName("td")).get(0).getText();
        WebElement restore = rows.get(1).findElement(By.className("restore"));

        restore.click();
        assertThat(restore.getText()).as("asks for a second click").contains("Click again");
        restore.click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ok-banner"), "Restored version " + previous));
        assertThat(entriesShown()).doesNotContain("127.0.43.1").contains("127.0.30.2");
        assertThat(awaitGreeting("127.0.43.1", "554")).isLessThan(IN_FORCE_WITHIN.toMillis());
        assertThat(page.findElements(By.cssSelector("#history-rows tr")).get(0).getText()).contains(ADMIN);
    }

    @Test
    @Order(9)
    void whatJamesReadsOnlyAtStartIsShownAsPendingUntilTheNextStart() throws Exception {
        int newPort = FreePorts.next();
        Files.writeString(settings, Files.readString(settings).replace("port: " + smtpPort, "port: " + newPort));
        // The operator changes the port with the generator while James runs on the old one.
        ScreenSettings.regenerate(settings, home);

        page.findElement(By.id("reload")).click();
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("restart-banner")));
        assertThat(banner.getText()).contains("applies at the next start of James").contains("smtpInterface.port");
        assertThat(page.findElement(By.id("port")).getAttribute("value")).isEqualTo(String.valueOf(newPort));
        WebElement portRow = page.findElement(By.cssSelector("[data-key='smtpInterface.port']"));
        assertThat(portRow.getAttribute("class")).contains("is-pending");
        assertThat(portRow.findElement(By.className("pending")).isDisplayed()).isTrue();
        assertThat(page.findElement(By.cssSelector("[data-key='smtpInterface.ipAddress'] .pending")).isDisplayed())
            .as("only what changed is marked").isFalse();
        // And so it is: James still listens on the old port only.
        try (SmtpClient client = SmtpClient.connect("127.0.30.2", smtpPort)) {
            assertThat(client.read().code()).isEqualTo("220");
        }
        assertThat(canConnect(newPort)).isFalse();
        screenshot("restart-pending.png");
    }

    @Test
    @Order(10)
    void changeThePortOnThePageSaveAndSeeThePendingNote() throws Exception {
        type("port", "70000");
        save();
        WebElement portError = page.findElement(By.cssSelector("[data-key='smtpInterface.port'] .field-error"));
        assertThat(portError.getText()).as("beside the field, check's message")
            .startsWith("smtpInterface.port must be between 1 and 65535, not 70000");
        String before = version();

        int screenPort = FreePorts.next();
        type("port", String.valueOf(screenPort));
        save();
        assertThat(okBanner()).contains("Saved: SMTP Interface");
        assertThat(version()).isNotEqualTo(before);
        assertThat(portError.getText()).isEmpty();
        WebElement note = page.findElement(By.cssSelector("[data-key='smtpInterface.port'] .pending"));
        assertThat(note.isDisplayed()).isTrue();
        assertThat(note.getText()).isEqualTo("saved: applies when James restarts");
        assertThat(Files.readString(home.resolve("conf/imsa/current/smtpserver.xml")))
            .contains(":" + screenPort + "</bind>");
        assertThat(canConnect(screenPort)).as("James listens there only after its next start").isFalse();
    }

    private static boolean canConnect(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- the page

    private void type(String id, String text) {
        WebElement input = page.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private String text(String id) {
        return page.findElement(By.id(id)).getText();
    }

    private String version() {
        return text("state-version");
    }

    private void addEntry(String entry) {
        type("entry-input", entry);
        page.findElement(By.id("entry-add")).click();
        wait.until(driver -> entriesShown().contains(entry));
    }

    private void removeEntry(String entry) {
        entryRow(entry).findElement(By.className("entry-select")).click();
        page.findElement(By.id("entry-remove")).click();
        wait.until(driver -> !entriesShown().contains(entry));
    }

    private WebElement entryRow(String entry) {
        return page.findElements(By.cssSelector("#entry-list li")).stream()
            .filter(row -> row.findElement(By.className("entry")).getText().equals(entry))
            .findFirst().orElseThrow(() -> new AssertionError(entry + " not in the list shown: " + entriesShown()));
    }

    private List<String> entriesShown() {
        return page.findElements(By.cssSelector("#entry-list li .entry")).stream()
            .map(WebElement::getText).collect(Collectors.toList());
    }

    private void save() {
        page.findElement(By.id("save")).click();
        wait.until(driver -> driver.findElement(By.id("save")).isEnabled()
            && (driver.findElement(By.id("ok-banner")).isDisplayed() || driver.findElement(By.id("error-banner")).isDisplayed()
                || driver.findElement(By.id("stale-banner")).isDisplayed()));
    }

    private String okBanner() {
        WebElement ok = page.findElement(By.id("ok-banner"));
        assertThat(ok.isDisplayed()).as("saved; error banner: " + page.findElement(By.id("error-banner")).getText()).isTrue();
        return ok.getText();
    }

    private void screenshot(String name) throws Exception {
        Path target = Paths.get(System.getProperty("imsa.project.dir"), "integration-tests", "target", "screenshots", name);
        browser.screenshot(target);
        if (Boolean.getBoolean("imsa.screenshots.update")) {
            Path committed = Paths.get(System.getProperty("imsa.project.dir"), "integration-tests", "screenshots", name);
            Files.createDirectories(committed.getParent());
            Files.copy(target, committed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ---------------------------------------------------------------- James, from outside the page

    private HttpResponse<String> api(String method, String path, String version, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(webAdmin + "/imsa/connections" + path))
            .header("Authorization", "Bearer " + tokens.admin("other-admin@imsa.test"))
            .header("If-Match", "\"" + version + "\"")
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(30)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getState() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(webAdmin + "/imsa/connections"))
            .header("Authorization", "Bearer " + tokens.admin(ADMIN)).timeout(Duration.ofSeconds(30)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String currentState() throws Exception {
        return getState().body();
    }

    private String currentEtag() throws Exception {
        return getState().headers().firstValue("ETag").orElseThrow();
    }

    /** Polls the greeting a client from SOURCE gets until it has CODE; returns how long that took, in ms. */
    private long awaitGreeting(String source, String code) throws Exception {
        long start = System.nanoTime();
        long deadline = start + IN_FORCE_WITHIN.toNanos();
        String seen;
        do {
            try (SmtpClient client = SmtpClient.connect(source, smtpPort)) {
                seen = client.read().code();
            }
            if (seen.equals(code)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("a client from " + source + " still gets " + seen + " (expected " + code + ") "
            + IN_FORCE_WITHIN.toMillis() + " ms after the page's change");
    }

    private long awaitServedCertificate(X509Certificate expected) throws Exception {
        long start = System.nanoTime();
        long deadline = start + IN_FORCE_WITHIN.toNanos();
        Certificate served;
        do {
            try (SmtpClient client = SmtpClient.connect("127.0.30.2", smtpPort)) {
                client.read();
                client.send("EHLO client.example");
                assertThat(client.send("STARTTLS").code()).isEqualTo("220");
                SSLSocket tls = client.startTls(TrustAllCertificates.socketFactory());
                served = tls.getSession().getPeerCertificates()[0];
            }
            if (served.equals(expected)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("STARTTLS still serves " + ((X509Certificate) served).getSubjectX500Principal()
            + " " + fingerprint((X509Certificate) served) + " after the upload");
    }

    private String mailFromWithoutTls(String source) throws Exception {
        try (SmtpClient client = SmtpClient.connect(source, smtpPort)) {
            assertThat(client.read().code()).isEqualTo("220");
            client.send("EHLO client.example");
            return client.send("MAIL FROM:<admin@example.com>").toString();
        }
    }

    private static String fingerprint(X509Certificate certificate) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        StringBuilder text = new StringBuilder();
        for (byte b : digest) {
            if (text.length() > 0) {
                text.append(':');
            }
            text.append(String.format("%02X", b & 0xff));
        }
        return text.toString();
    }
}
