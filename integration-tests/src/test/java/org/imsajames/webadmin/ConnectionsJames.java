package org.imsajames.webadmin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imsajames.james.ImsaJamesCommand;
import org.imsajames.testkit.WebAdminTokens;
import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.TestPki;

/**
 * A conf folder made as operators make it ({@code bin/imsa-james generate} from settings with incoming TLS), plus
 * webadmin.properties with JWT on and our routes, for a real James 3.8.1 in a child JVM.
 */
final class ConnectionsJames {
    final Path home;
    final int smtpPort;
    final int webAdminPort;
    final WebAdminTokens tokens;
    final TestPki.ServerFiles tls;
    final Path settings;

    private ConnectionsJames(Path home, int smtpPort, int webAdminPort, WebAdminTokens tokens, TestPki.ServerFiles tls,
            Path settings) {
        this.settings = settings;
        this.home = home;
        this.smtpPort = smtpPort;
        this.webAdminPort = webAdminPort;
        this.tokens = tokens;
        this.tls = tls;
    }

    /** Settings: accept all except 127.0.30.2, incoming TLS with a test CA's certificate, TLS only off. */
    static ConnectionsJames generate(Path work) throws Exception {
        int smtpPort = FreePorts.next();
        int webAdminPort = FreePorts.next();
        Path settingsDir = Files.createDirectories(work.resolve("settings"));
        TestPki.ServerFiles tls = TestPki.writeServerFiles(Files.createDirectories(settingsDir.resolve("tls")),
            TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
        WebAdminTokens tokens = WebAdminTokens.generate();
        tokens.writePublicKey(settingsDir.resolve("jwt.pub"));
        Path settings = settingsDir.resolve("imsa.yaml");
        Files.writeString(settings, String.join("\n",
            "smtpInterface:",
            "  ipAddress: loopback",
            "  port: " + smtpPort,
            "connectionControl:",
            "  policy: accept-all-except",
            "  entries:",
            "    - 127.0.30.2",
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
            "  jwtPublicKey: jwt.pub",
            ""));
        Path home = Files.createDirectories(work.resolve("james"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        // webadmin.properties as the generator writes it: loopback, JWT with that key, our routes and /metrics.
        ImsaJamesCommand.succeed(Map.of(), "generate", "--settings", settings.toString(), "--out", conf.toString());
        return new ConnectionsJames(home, smtpPort, webAdminPort, tokens, tls, settings);
    }

    /** Another node's webadmin.properties: the generated one with its own port. */
    static void writeWebAdminProperties(Path conf, int port) throws Exception {
        Files.writeString(conf.resolve("webadmin.properties"), String.join("\n",
            "enabled=true",
            "host=127.0.0.1",
            "port=" + port,
            "jwt.enabled=true",
            "jwt.publickeypem.url=file://conf/imsa-webadmin-jwt.pub",
            "extensions.routes=org.imsajames.webadmin.ConnectionsRoutes,"
                + "org.apache.james.webadmin.dropwizard.MetricsRoutes",
            ""));
    }

    JamesServerProcess start() throws Exception {
        return JamesServerProcess.start(home);
    }

    WebAdminClient admin(String subject) throws Exception {
        return new WebAdminClient(webAdminPort, tokens.admin(subject));
    }
}
