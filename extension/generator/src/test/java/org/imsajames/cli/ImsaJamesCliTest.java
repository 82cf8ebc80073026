package org.imsajames.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.imsajames.testkit.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ImsaJamesCliTest {
    private static final String EXAMPLE_SETTINGS = "../../conf-templates/imsa-settings.example.yaml";
    private static final String KEY_PASSWORD = "correct-horse-battery";

    @TempDir
    Path folder;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    @Test
    void generateWithTheExampleSettingsSucceedsAndWarnsOfHostBits() throws Exception {
        Path conf = folder.resolve("conf");

        int exitCode = run("generate", "--settings", EXAMPLE_SETTINGS, "--out", conf.toString());

        assertThat(exitCode).isZero();
        assertThat(stdout.toString()).startsWith("published " + conf.resolve("imsa/generations/"))
                .contains("(now " + conf.resolve("imsa/current") + ")");
        assertThat(stderr.toString()).contains("warning: " + EXAMPLE_SETTINGS
                + ":36: '192.168.3.1:255.255.255.128' has host bits set; it means 192.168.3.0/25");
        assertThat(conf.resolve("smtpserver.xml")).exists();
    }

    @Test
    void generateSaysWhichFilesWaitForARestartAndNothingWhenOnlyTheListChanged() throws Exception {
        Path conf = folder.resolve("conf");
        Path settings = write("imsa.yaml", "connectionControl: {policy: accept-all-except, entries: [10.1.0.0/16]}\n");
        assertThat(run("generate", "--settings", settings.toString(), "--out", conf.toString())).isZero();
        assertThat(stdout.toString()).as("a first generation has no previous one").doesNotContain("restart")
                .contains("\nextensions.properties: written with"
                        + " guice.extension.module=org.imsajames.tlsengine.NativeTlsModule\n");

        write("imsa.yaml", "connectionControl: {policy: deny-all-except, entries: [10.2.0.0/16]}\n");
        stdout.getBuffer().setLength(0);
        assertThat(run("generate", "--settings", settings.toString(), "--out", conf.toString())).isZero();
        assertThat(stdout.toString()).as("mode and entries apply live").startsWith("published ")
                .doesNotContain("restart").as("our module is there already").doesNotContain("extensions.properties");

        write("imsa.yaml", "smtpInterface: {port: 2525, reverseDnsLookup: true}\n"
                + "connectionControl: {policy: deny-all-except, entries: [10.2.0.0/16]}\n");
        stdout.getBuffer().setLength(0);
        assertThat(run("generate", "--settings", settings.toString(), "--out", conf.toString())).isZero();
        assertThat(stdout.toString().lines().filter(line -> line.contains("restart")))
                .containsExactly("smtpserver.xml changed: restart James for it to apply (the connection-control"
                        + " list and its mode apply within a second)", "jvm.properties changed: restart James for it"
                        + " to apply (the connection-control list and its mode apply within a second)");
    }

    @Test
    void mtaStsCacheListsEachPolicyAndMarksExpiredOnes() throws Exception {
        Path home = folder.resolve("james");
        assertThat(run("mta-sts-cache", "--james-home", home.toString())).isZero();
        assertThat(stdout.toString()).startsWith("no MTA-STS policy cached: ");

        Files.createDirectories(home.resolve("var/imsa"));
        Files.writeString(home.resolve("var/imsa/mta-sts-policies.json"), "{\"format\": \"imsa-james mta-sts cache 1\",\n"
                + " \"policies\": [\n  {\"domain\": \"example.com\", \"id\": \"20261202\", \"mode\": \"enforce\","
                + " \"max_age\": 86400, \"mx\": [\"mx1.example.com\", \"*.example.net\"],"
                + " \"fetched\": \"2026-12-02T03:00:00Z\", \"expires\": \"2999-12-03T03:00:00Z\"},\n"
                + "  {\"domain\": \"old.example\", \"id\": \"1\", \"mode\": \"testing\", \"max_age\": 60,"
                + " \"mx\": [\"mx.old.example\"], \"fetched\": \"2020-01-01T00:00:00Z\", \"expires\": \"2020-01-01T00:01:00Z\"}\n ]}\n");
        stdout.getBuffer().setLength(0);

        assertThat(run("mta-sts-cache", "--james-home", home.toString())).isZero();
        assertThat(stdout.toString().lines()).containsExactly(
                home.resolve("var/imsa/mta-sts-policies.json") + ": 2 MTA-STS policies",
                "example.com id 20261202 mode enforce mx [mx1.example.com, *.example.net] expires 2999-12-03T03:00:00Z",
                "old.example id 1 mode testing mx [mx.old.example] expires 2020-01-01T00:01:00Z (expired: not used)");

        Files.writeString(home.resolve("var/imsa/mta-sts-policies.json"), "{\"policies\": [");
        assertThat(run("mta-sts-cache", "--james-home", home.toString())).isEqualTo(2);
        assertThat(stderr.toString()).startsWith("error: " + home.resolve("var/imsa/mta-sts-policies.json") + ": not JSON");
    }

    @Test
    void checkAcceptsTheExampleSettings() {
        int exitCode = run("check", "--settings", EXAMPLE_SETTINGS);

        assertThat(exitCode).isZero();
        assertThat(stdout.toString()).contains(": ok (", "incoming TLS off", "outgoing TLS opportunistic");
    }

    @Test
    void badSettingsExitWith2AndOneErrorLineNamingFileAndLine() throws Exception {
        Path settings = write("settings.yaml", "smtpInterface:\n  prot: 25\n");

        int exitCode = run("check", "--settings", settings.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(stderr.toString()).isEqualTo("error: " + settings
                + ":2: unknown key 'smtpInterface.prot' (expected one of: ipAddress, port, inactivityTimeoutMinutes, "
                + "maxConnections, maxConnectionsPerIp, maxMessageSizeKb, reverseDnsLookup, proxyRequired, "
                + "trustedProxies)\n");
        assertThat(stdout.toString()).isEmpty();
    }

    @Test
    void anUnknownIncomingTlsEngineExitsWith2NamingFileAndLine() throws Exception {
        Path settings = write("settings.yaml", "tls:\n  incoming:\n    engine: fast\n");
        Path conf = folder.resolve("conf");

        int exitCode = run("generate", "--settings", settings.toString(), "--out", conf.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(stderr.toString()).isEqualTo("error: " + settings
                + ":3: tls.incoming.engine 'fast' is not one of jdk, native\n");
        assertThat(conf).doesNotExist();
    }

    @Test
    void aFailedGenerateWritesNothing() throws Exception {
        Path settings = write("settings.yaml", "connectionControl:\n  entries: [10.0.0.0:255.0.255.0]\n");
        Path conf = folder.resolve("conf");

        int exitCode = run("generate", "--settings", settings.toString(), "--out", conf.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(stderr.toString()).startsWith("error: " + settings + ":2: connectionControl.entries: "
                + "'10.0.0.0:255.0.255.0' is not a contiguous netmask");
        assertThat(conf).doesNotExist();
    }

    @Test
    void missingOptionsAreBadInput() {
        assertThat(run("generate", "--settings", EXAMPLE_SETTINGS)).isEqualTo(2);
        assertThat(stderr.toString()).contains("Missing required option: '--out=CONF_DIR'");
    }

    @Test
    void anInternalFailureExitsWith1() throws Exception {
        Path templates = Files.createDirectories(folder.resolve("templates"));
        // A folder where the template file should be: reading it fails, and that is no fault in the settings.
        Files.createDirectories(templates.resolve("smtpserver.xml"));

        int exitCode = run("generate", "--settings", EXAMPLE_SETTINGS, "--out", folder.resolve("conf").toString(),
                "--templates", templates.toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(stderr.toString()).contains("error: internal failure: ");
    }

    @Test
    void noSecretEverAppearsInTheOutput() throws Exception {
        TestPki.writeServerFiles(folder, TestPki.KeyType.RSA, TestPki.KeyEncoding.PEM_PKCS8_ENCRYPTED,
                KEY_PASSWORD.toCharArray());
        Path settings = write("settings.yaml", "tls:\n  incoming:\n    enabled: true\n    tlsOnly: true\n"
                + "    privateKey: server.key\n    privateKeyPassword: env:IMSA_KEY_PASSWORD\n"
                + "    serverCertificate: server.crt\n");
        Path conf = folder.resolve("conf");

        int generated = run("generate", "--settings", settings.toString(), "--out", conf.toString());
        int checked = run("check", "--settings", settings.toString());

        assertThat(generated).isZero();
        assertThat(checked).isZero();
        String smtpServer = new String(Files.readAllBytes(conf.resolve("smtpserver.xml")), StandardCharsets.UTF_8);
        String keystoreSecret = smtpServer.replaceAll("(?s).*<secret>([^<]+)</secret>.*", "$1");
        assertThat(keystoreSecret).hasSizeGreaterThan(20);
        assertThat(stdout.toString() + stderr.toString()).doesNotContain(KEY_PASSWORD).doesNotContain(keystoreSecret);
    }

    @Test
    void aWrongKeyPasswordIsBadInputAndIsNotPrinted() throws Exception {
        TestPki.writeServerFiles(folder, TestPki.KeyType.RSA, TestPki.KeyEncoding.PEM_PKCS8_ENCRYPTED,
                "another-password".toCharArray());
        Path settings = write("settings.yaml", "tls:\n  incoming:\n    enabled: true\n"
                + "    privateKey: server.key\n    privateKeyPassword: env:IMSA_KEY_PASSWORD\n"
                + "    serverCertificate: server.crt\n");

        int exitCode = run("check", "--settings", settings.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(stderr.toString()).startsWith("error: " + settings + ":4: tls.incoming: ")
                .doesNotContain(KEY_PASSWORD).doesNotContain("another-password");
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new ImsaJamesCli(Clock.systemUTC(),
                Map.of("IMSA_KEY_PASSWORD", KEY_PASSWORD)::get));
        commandLine.setOut(new PrintWriter(stdout, true));
        commandLine.setErr(new PrintWriter(stderr, true));
        return commandLine.execute(args);
    }

    private Path write(String name, String content) throws Exception {
        Path file = folder.resolve(name);
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
