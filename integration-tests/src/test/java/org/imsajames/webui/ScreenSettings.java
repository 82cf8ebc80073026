package org.imsajames.webui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.tls.TestPki;

/**
 * The settings the page's suites start James with, as an operator writes them: SMTP on 127.0.0.1:PORT, "Accept all,
 * except" 127.0.29.9, incoming TLS with a CA-signed RSA key, outgoing TLS opportunistic; turned into HOME/conf by
 * {@code bin/imsa-james generate}.
 */
final class ScreenSettings {
    static final String FIRST_ENTRY = "127.0.29.9";
    static final String API_ROUTES = "org.imsajames.webadmin.ConnectionsRoutes";

    private ScreenSettings() {
    }

    /** Writes WORK/settings/imsa.yaml and its TLS files, generates HOME/conf from them; returns the settings file. */
    static Path generate(Path work, Path home, int smtpPort) throws IOException, InterruptedException {
        Path settingsDir = Files.createDirectories(work.resolve("settings"));
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
            ""));
        regenerate(settings, home);
        return settings;
    }

    static void regenerate(Path settings, Path home) throws IOException, InterruptedException {
        ImsaJamesCommand.succeed(Map.of(), "generate", "--settings", settings.toString(), "--out",
            home.resolve("conf").toString());
    }
}
