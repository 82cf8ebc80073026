package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

import org.imsajames.james.SmtpAssertions;
import org.imsajames.testkit.SmtpClient;
import org.imsajames.testkit.TrustAllCertificates;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One version in force, whole: the state API, the generation's files (list, tls-only.properties, the keystore
 * opened with the secret of the smtpserver.xml beside it, audit.json), the history, and what real SMTP clients from
 * 127.x sources get (the list's decision, 530 or 250 to a plaintext MAIL, the certificate STARTTLS serves) all say
 * exactly what EXPECTED says.
 */
final class WholeVersionAssertions {
    static final String STATE = "/imsa/connections";
    /** Accepted by every version of the crash test: its MAIL reply tells TLS only. */
    static final String NEVER_LISTED = "127.0.39.1";
    private static final Pattern SECRET = Pattern.compile("<secret>([^<]+)</secret>");

    private final Path conf;
    private final int smtpPort;

    WholeVersionAssertions(Path conf, int smtpPort) {
        this.conf = conf;
        this.smtpPort = smtpPort;
    }

    /** PROBES: addresses some version lists; each is refused exactly when EXPECTED lists it. */
    void assertInForce(WebAdminClient admin, ScreenVersion expected, Collection<String> probes) throws Exception {
        WebAdminClient.Reply reply = admin.get(STATE);
        assertThat(reply.status).as(reply.body).isEqualTo(200);
        JsonNode state = reply.json();
        assertThat(state.get("version").asText()).isEqualTo(expected.version);
        assertThat(reply.etag).isEqualTo("\"" + expected.version + "\"");
        assertThat(state.at("/connectionControl/policy").asText()).isEqualTo("accept-all-except");
        assertThat(ConnectionsApiInJamesTest.texts(state.at("/connectionControl/entries")))
            .as("entries of %s", expected).containsExactlyElementsOf(expected.entries);
        assertThat(state.at("/tls/incoming/tlsOnly").asBoolean()).as("tlsOnly of %s", expected)
            .isEqualTo(expected.tlsOnly);
        assertThat(state.at("/tls/incoming/certificate/sha256").asText())
            .isEqualTo(ConnectionsApiInJamesTest.fingerprint(expected.certificate));

        assertFilesOf(expected);

        JsonNode newest = admin.get(STATE + "/history").json().get(0);
        assertThat(newest.get("version").asText()).as("newest history version: the one in force, no version that was"
            + " never in force above it").isEqualTo(expected.version);

        for (String probe : probes) {
            if (expected.entries.contains(probe) || expected.entries.contains(probe + "/32")) {
                SmtpAssertions.assertRefused(probe, smtpPort);
            } else {
                SmtpAssertions.assertGreeted(probe, smtpPort);
            }
        }
        assertThat(mailReply(NEVER_LISTED)).as("plaintext MAIL under tlsOnly=%s", expected.tlsOnly)
            .startsWith(expected.tlsOnly ? "530" : "250");
        assertThat(servedCertificate(NEVER_LISTED)).as("certificate STARTTLS serves").isEqualTo(expected.certificate);
    }

    private void assertFilesOf(ScreenVersion expected) throws Exception {
        Path generation = conf.resolve("imsa/generations").resolve(expected.version);
        assertThat(conf.resolve("imsa/current").toRealPath()).isEqualTo(generation.toRealPath());
        List<String> listed = new ArrayList<>();
        String list = Files.readString(generation.resolve("connection-control.list"), StandardCharsets.UTF_8);
        assertThat(list).contains("#! policy accept-all-except\n");
        list.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(listed::add);
        assertThat(listed).as("list file of %s", expected).containsExactlyElementsOf(expected.entries);
        assertThat(Files.readString(generation.resolve("tls-only.properties")))
            .contains("tlsOnly=" + expected.tlsOnly + "\n");

        Matcher secret = SECRET.matcher(Files.readString(generation.resolve("smtpserver.xml")));
        assertThat(secret.find()).isTrue();
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream input = Files.newInputStream(generation.resolve("keystore.p12"))) {
            keystore.load(input, secret.group(1).toCharArray());
        }
        assertThat(keystore.getCertificateChain(keystore.aliases().nextElement())[0])
            .as("keystore of %s, opened with the secret of its smtpserver.xml", expected).isEqualTo(expected.certificate);

        Path audit = generation.resolve("audit.json");
        if (expected.auditBy == null) {
            assertThat(audit).as("a generation of imsa-james generate has no audit.json").doesNotExist();
            return;
        }
        JsonNode record = WebAdminClient.JSON.readTree(audit.toFile());
        assertThat(record.get("by").asText()).isEqualTo(expected.auditBy);
        assertThat(ConnectionsApiInJamesTest.texts(record.get("changes"))).as("audit of %s", expected)
            .containsExactlyElementsOf(expected.auditChanges);
    }

    String mailReply(String source) throws Exception {
        try (SmtpClient client = SmtpClient.connect(source, smtpPort)) {
            assertThat(client.read().code()).isEqualTo("220");
            client.send("EHLO client.example");
            return client.send("MAIL FROM:<a@example.com>").toString();
        }
    }

    X509Certificate servedCertificate(String source) throws Exception {
        try (SmtpClient client = SmtpClient.connect(source, smtpPort)) {
            assertThat(client.read().code()).isEqualTo("220");
            client.send("EHLO client.example");
            assertThat(client.send("STARTTLS").code()).isEqualTo("220");
            SSLSocket socket = client.startTls(TrustAllCertificates.socketFactory());
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
