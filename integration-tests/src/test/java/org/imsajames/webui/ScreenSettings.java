package org.imsajames.webui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.testkit.WebAdminTokens;
import org.imsajames.testkit.TestPki;

/**
 * The settings the page's suites start James with, as an operator writes them: SMTP on 127.0.0.1:PORT, "Accept all,
 * except" 127.0.29.9, incoming TLS with a CA-signed RSA key, outgoing TLS opportunistic, WebAdmin on loopback (with
 * JWT when given the tokens' key); turned into HOME/conf, webadmin.properties included, by
 * {@code bin/imsa-james generate}.
 */
final class ScreenSettings {
    static final String FIRST_ENTRY = "127.0.29.9";

    private ScreenSettings() {
    }

    /** Writes WORK/settings/imsa.yaml and its TLS files, generates HOME/conf from them; returns the settings file. */
    static Path generate(Path work, Path home, int smtpPort, int webAdminPort, WebAdminTokens tokens)
            throws IOException, InterruptedException {
        Path settingsDir = Files.createDirectories(work.resolve("settings"));
        if (tokens != null) {
            tokens.writePublicKey(settingsDir.resolve("jwt.pub"));
        }
        TestPki.writeServerFiles(Files.createDirectories(settingsDir.resolve("tls")), TestPki.KeyType.RSA,
            TestPki.KeyEncoding.PEM_PKCS8, null);
        Path settings = settingsDir.resolve("imsa.yaml");
        Files.writeString(settings, String.join("\n",
            "smtpInterface:",
            "  ipAddress: loopback",
            "  port: " + smtpPort,
            "connectionControl:",
            "  policy: accept-all-except",
            "  entries: [" + FIRST_ENTRY + "]",
            "relay:",
            "  permittedSenders: [127.0.0.0/8]",
            "tls:",
            "  incoming:",
            "    enabled: true",
            "    tlsOnly: false",
            "    privateKey: tls/server.key",
            "    serverCertificate: tls/server.crt",
            "    caCertificate: tls/ca.crt",
            "  outgoing:",
            "    enabled: true",
            "    mode: opportunistic",
            "webAdmin:",
            "  port: " + webAdminPort,
            tokens == null ? "" : "  jwtPublicKey: jwt.pub",
            ""));
        regenerate(settings, home);
        return settings;
    }

    static void regenerate(Path settings, Path home) throws IOException, InterruptedException {
        ImsaJamesCommand.succeed(Map.of(), "generate", "--settings", settings.toString(), "--out",
            home.resolve("conf").toString());
    }
}
