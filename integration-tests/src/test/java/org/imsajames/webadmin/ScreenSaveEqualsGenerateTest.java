package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;

import org.imsajames.generator.ConfGenerator;
import org.imsajames.generator.GenerationStore;
import org.imsajames.generator.SettingsChecker;
import org.imsajames.generator.Templates;
import org.imsajames.settings.OutgoingTlsLevel;
import org.imsajames.settings.SettingsLoader;
import org.imsajames.testkit.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The screen's save of a start-only value writes the file {@code imsa-james generate --update} writes for the same
 * settings, byte for byte: the SMTP Interface and the outgoing mode over a bounded random sample of settings
 * (fixed seed); incoming TLS off, then on again; and on after an upload into a generation made without TLS.
 * No James here: the files are compared, not served.
 */
class ScreenSaveEqualsGenerateTest {
    private static final int CASES = 24;
    private static final List<String> ADDRESSES = List.of("all", "loopback", "127.0.0.1", "10.20.30.40");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void smtpInterfaceAndOutgoingModeSavesEqualGenerateUpdate(@TempDir Path work) throws Exception {
        Random random = new Random(20261202L);
        TestPki.ServerFiles tls = TestPki.writeServerFiles(Files.createDirectories(work.resolve("tls")),
            TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
        for (int i = 0; i < CASES; i++) {
            Values before = Values.random(random);
            Values after = Values.random(random);
            Path conf = Files.createDirectories(work.resolve("conf-" + i));
            generate(work, tls, before, conf, false);
            Snapshot current = current(conf);
            String body = after.smtpInterfaceJson();
            byte[] screenSmtp = RestartOnlyEdit.smtpServer(current,
                SmtpInterfaceEdit.of(JSON.readTree(body))::applyTo);
            byte[] screenMailet = RestartOnlyEdit.relay(current, after.outgoing);

            generate(work, tls, after, conf, true);
            Path generated = GenerationStore.currentGeneration(conf).orElseThrow();
            assertThat(text(screenSmtp)).as(body).isEqualTo(Files.readString(generated.resolve("smtpserver.xml")));
            assertThat(text(screenMailet)).as(after.outgoing.toString())
                .isEqualTo(Files.readString(generated.resolve("mailetcontainer.xml")));
        }
    }

    @Test
    void incomingTlsOffEqualsGenerateWithoutTlsAndOnAgainGivesBackTheGeneratedFile(@TempDir Path work)
            throws Exception {
        TestPki.ServerFiles tls = TestPki.writeServerFiles(Files.createDirectories(work.resolve("tls")),
            TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
        Values values = Values.random(new Random(7));
        Path conf = Files.createDirectories(work.resolve("conf"));
        generate(work, tls, values, conf, false);
        Snapshot generatedOn = current(conf);
        String onFile = Files.readString(generatedOn.folder().resolve("smtpserver.xml"));
        assertThat(onFile).contains("<keystore>", "<secret>", "org.imsajames.smtp.TlsOnlyHandler",
            "<supportedCipherSuites>", "startTLS=\"true\"");

        ConnectionsStore store = new ConnectionsStore(conf, 10, JSON);
        Snapshot off = store.save(IfMatch.etag(generatedOn.version()), "test",
            current -> IncomingTlsSwitch.apply(current, Draft.of(current, current.list(), false), false));
        assertThat(off.smtp().startTls()).isFalse();
        assertThat(off.certificate()).as("the parked secret still opens the keystore").isNotNull();
        Snapshot on = store.save(IfMatch.etag(off.version()), "test",
            current -> IncomingTlsSwitch.apply(current, Draft.of(current, current.list(), false), true));
        assertThat(Files.readString(on.folder().resolve("smtpserver.xml"))).isEqualTo(onFile);
        assertThat(on.folder().resolve(ConnectionsFiles.PARKED_TLS)).doesNotExist();

        String offFile = Files.readString(off.folder().resolve("smtpserver.xml"));
        values.incomingTls = false;
        generate(work, tls, values, conf, true);
        assertThat(offFile).isEqualTo(Files.readString(GenerationStore.currentGeneration(conf).orElseThrow()
            .resolve("smtpserver.xml")));
    }

    @Test
    void anUploadWhereGenerateWroteNoTlsThenOnEqualsGenerateWithTls(@TempDir Path work) throws Exception {
        TestPki.ServerFiles tls = TestPki.writeServerFiles(Files.createDirectories(work.resolve("tls")),
            TestPki.KeyType.RSA, TestPki.KeyEncoding.PEM_PKCS8, null);
        Values values = Values.random(new Random(11));
        values.incomingTls = false;
        Path conf = Files.createDirectories(work.resolve("conf"));
        generate(work, tls, values, conf, false);
        Snapshot generatedOff = current(conf);
        assertThat(generatedOff.certificate()).isNull();
        ConnectionsStore store = new ConnectionsStore(conf, 10, JSON);
        CertificateUpload upload = CertificateUpload.of(new java.util.HashMap<>(java.util.Map.of(
            "privateKey", Files.readAllBytes(tls.privateKeyFile()),
            "serverCertificate", Files.readAllBytes(tls.serverCertificateFile()))));
        Snapshot uploaded = store.save(IfMatch.etag(generatedOff.version()), "test", upload::apply);
        assertThat(uploaded.smtp().startTls()).isFalse();
        assertThat(uploaded.certificate()).as("opens with the secret parked by the upload").isNotNull();
        Snapshot on = store.save(IfMatch.etag(uploaded.version()), "test",
            current -> IncomingTlsSwitch.apply(current, Draft.of(current, current.list(), false), true));

        // generate keeps a keystore of the same identity and its secret, so the files are equal byte for byte.
        values.incomingTls = true;
        generate(work, tls, values, conf, true);
        assertThat(Files.readString(on.folder().resolve("smtpserver.xml"))).isEqualTo(Files.readString(
            GenerationStore.currentGeneration(conf).orElseThrow().resolve("smtpserver.xml")));
    }

    private static Snapshot current(Path conf) throws Exception {
        return Snapshot.read(GenerationStore.currentGeneration(conf).orElseThrow());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void generate(Path work, TestPki.ServerFiles tls, Values values, Path conf, boolean update)
            throws Exception {
        Path settings = work.resolve("imsa.yaml");
        Files.writeString(settings, values.settings(tls));
        new ConfGenerator(Templates.bundled(), Clock.systemUTC()).generate(
            new SettingsChecker(Clock.systemUTC()).check(new SettingsLoader().load(settings)), conf, update);
    }

    /** One sample of what the screen edits, as the settings file and as the screen's PUT body. */
    private static final class Values {
        String ipAddress;
        int port;
        int inactivityTimeoutMinutes;
        int maxConnections;
        int maxConnectionsPerIp;
        int maxMessageSizeKb;
        OutgoingTlsLevel outgoing;
        boolean incomingTls = true;

        static Values random(Random random) {
            Values values = new Values();
            values.ipAddress = ADDRESSES.get(random.nextInt(ADDRESSES.size()));
            values.port = 1 + random.nextInt(65535);
            values.inactivityTimeoutMinutes = 1 + random.nextInt(1440);
            values.maxConnections = random.nextInt(3) == 0 ? 0 : random.nextInt(100_000);
            values.maxConnectionsPerIp = random.nextInt(3) == 0 ? 0 : random.nextInt(500);
            values.maxMessageSizeKb = random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000);
            values.outgoing = OutgoingTlsLevel.values()[random.nextInt(OutgoingTlsLevel.values().length)];
            return values;
        }

        String smtpInterfaceJson() {
            return "{\"ipAddress\": \"" + ipAddress + "\", \"port\": " + port + ", \"inactivityTimeoutMinutes\": "
                + inactivityTimeoutMinutes + ", \"maxConnections\": " + maxConnections + ", \"maxConnectionsPerIp\": "
                + maxConnectionsPerIp + ", \"maxMessageSizeKb\": " + maxMessageSizeKb + "}";
        }

        String settings(TestPki.ServerFiles tls) {
            return String.join("\n",
                "smtpInterface:",
                "  ipAddress: " + ipAddress,
                "  port: " + port,
                "  inactivityTimeoutMinutes: " + inactivityTimeoutMinutes,
                "  maxConnections: " + maxConnections,
                "  maxConnectionsPerIp: " + maxConnectionsPerIp,
                "  maxMessageSizeKb: " + maxMessageSizeKb,
                "connectionControl:",
                "  policy: accept-all-except",
                "  entries: [192.0.2.0/24]",
                "relay:",
                "  permittedSenders: [127.0.0.0/8]",
                "tls:",
                "  incoming:",
                "    enabled: " + incomingTls,
                "    privateKey: " + tls.privateKeyFile(),
                "    serverCertificate: " + tls.serverCertificateFile(),
                "  outgoing:",
                "    enabled: " + (outgoing != OutgoingTlsLevel.NONE),
                "    mode: " + (outgoing == OutgoingTlsLevel.NONE ? "opportunistic" : outgoing.settingName()),
                "");
        }
    }
}
