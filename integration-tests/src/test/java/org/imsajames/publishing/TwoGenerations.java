package org.imsajames.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.TestPki;

/**
 * Two settings files that differ in everything a generation holds (mode, entries, key and certificate, message
 * size), so that a conf folder can be told to be exactly one of them, whole, or a mix. Both refuse 127.0.61.5
 * and accept 127.0.62.5; 127.0.64.5 is accepted by a and refused by b, and EHLO's SIZE (1111 or 2222 KB) tells
 * which one James serves.
 */
final class TwoGenerations {
    static final String REFUSED_BY_BOTH = "127.0.61.5";
    static final String ACCEPTED_BY_BOTH = "127.0.62.5";
    /** Accepted by a (accept-all-except 127.0.61.0/24), refused by b (deny-all-except 127.0.62-63.0/24). */
    static final String ACCEPTED_BY_A_ONLY = "127.0.64.5";
    private static final Pattern SECRET = Pattern.compile("<secret>([^<]+)</secret>");
    private static final Pattern MESSAGE_SIZE = Pattern.compile("<maxmessagesize>([0-9]+)</maxmessagesize>");

    final int port = FreePorts.next();
    final Settings a;
    final Settings b;

    TwoGenerations(Path work) throws IOException {
        a = new Settings(work.resolve("a"), "a", port, 1111, "accept-all-except", "[127.0.61.0/24]",
                "#! policy accept-all-except\n#! entries 1\n127.0.61.0/24\n");
        b = new Settings(work.resolve("b"), "b", port, 2222, "deny-all-except", "[127.0.62.0/24, 127.0.63.0/24]",
                "#! policy deny-all-except\n#! entries 2\n127.0.62.0/24\n127.0.63.0/24\n");
    }

    /**
     * Which of the two the conf folder holds; fails unless smtpserver.xml, the keystore it names (opened with its
     * secret), the list and its policy directive are all of the same one.
     */
    String wholeGenerationIn(Path conf) throws Exception {
        String smtp = Files.readString(conf.resolve("smtpserver.xml"));
        assertThat(Files.readSymbolicLink(conf.resolve("smtpserver.xml"))).hasToString("imsa/current/smtpserver.xml");
        assertThat(smtp).contains("<listFile>file://conf/imsa/current/connection-control.list</listFile>",
                "<keystore>file://conf/imsa/current/keystore.p12</keystore>").doesNotContain("<policy>");
        Matcher size = MESSAGE_SIZE.matcher(smtp);
        assertThat(size.find()).isTrue();
        Settings bySmtp = size.group(1).equals("1111") ? a : b;
        assertThat(size.group(1)).isIn("1111", "2222");

        Matcher secret = SECRET.matcher(smtp);
        assertThat(secret.find()).isTrue();
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream input = Files.newInputStream(conf.resolve("imsa/current/keystore.p12"))) {
            keystore.load(input, secret.group(1).toCharArray());
        }
        Certificate certificate = keystore.getCertificateChain(keystore.aliases().nextElement())[0];
        assertThat(certificate).as("keystore of the same generation as smtpserver.xml (%s)", bySmtp.name)
                .isEqualTo(bySmtp.pki.serverCertificate());

        assertThat(Files.readString(conf.resolve("imsa/current/connection-control.list")))
                .as("list of the same generation as smtpserver.xml (%s)", bySmtp.name).endsWith(bySmtp.listTail);
        assertThat(Files.readString(conf.resolve("jvm.properties")))
                .contains("jdk.tls.rejectClientInitiatedRenegotiation=true");
        return bySmtp.name;
    }

    Settings named(String name) {
        return name.equals("a") ? a : b;
    }

    /** One settings file with its own key and certificate. */
    static final class Settings {
        final String name;
        final int messageSizeKb;
        final Path file;
        final TestPki.ServerFiles pki;
        final String listTail;

        Settings(Path folder, String name, int port, int messageSizeKb, String policy, String entries, String listTail)
                throws IOException {
            this.name = name;
            this.messageSizeKb = messageSizeKb;
            this.listTail = listTail;
            Files.createDirectories(folder);
            pki = TestPki.writeServerFiles(folder, TestPki.KeyType.EC, TestPki.KeyEncoding.PEM_PKCS8, null);
            file = folder.resolve("imsa.yaml");
            Files.writeString(file, String.join("\n",
                    "smtpInterface: {ipAddress: loopback, port: " + port + ", maxMessageSizeKb: " + messageSizeKb + "}",
                    "connectionControl: {policy: " + policy + ", entries: " + entries + "}",
                    "relay: {permittedSenders: [127.0.0.0/8]}",
                    "tls:",
                    "  incoming: {enabled: true, privateKey: server.key, serverCertificate: server.crt}",
                    ""));
        }
    }
}
