package org.imsajames.webadmin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import org.imsajames.generator.OwnedSmtpServer;

/**
 * "Enable Incoming TLS" from the screen: our server's STARTTLS with the keystore, TlsOnlyHandler and the
 * protocol and cipher lists, written by the generator's own code (read at start). Turning it off parks the
 * keystore's secret and the two lists in {@value ConnectionsFiles#PARKED_TLS} (0600, like every generation
 * file), since generate's smtpserver.xml without TLS names none of them; turning it on takes them back. An upload
 * while it is off (also in a generation generate made without TLS) parks its secret the same way, with the
 * settings' default lists.
 */
final class IncomingTlsSwitch {
    private IncomingTlsSwitch() {
    }

    static Draft apply(Snapshot current, Draft draft, boolean on) throws ApiError, IOException {
        OwnedSmtpServer.IncomingTls tls = on ? unparked(current) : OwnedSmtpServer.IncomingTls.off();
        return withParking(current, draft.withServerFile(ConnectionsFiles.SMTP_SERVER,
            RestartOnlyEdit.smtpServer(current, server -> server.withIncomingTls(tls))), on);
    }

    /** Incoming TLS with the parked secret and lists, if the generation has a keystore that opens with it. */
    static OwnedSmtpServer.IncomingTls unparked(Snapshot current) throws ApiError, IOException {
        Properties parked = parked(current);
        if (parked == null || !keystoreOpens(current, parked)) {
            throw ApiError.badRequest("tls.incoming.enabled needs a private key and server certificate in the"
                + " generation: upload the private key and server certificate first; nothing was changed");
        }
        return OwnedSmtpServer.IncomingTls.on(parked.getProperty("secret"), list(parked, "protocols"),
            list(parked, "cipherSuites"));
    }

    /** DRAFT with the parked file dropped (TLS on again) or written from the current server's TLS (turned off). */
    static Draft withParking(Snapshot current, Draft draft, boolean on) throws ApiError, IOException {
        if (on) {
            return draft.withoutFile(ConnectionsFiles.PARKED_TLS);
        }
        OwnedSmtpServer.IncomingTls was = current.smtp().server().incomingTls();
        return draft.withServerFile(ConnectionsFiles.PARKED_TLS, parkedFile(was.keystoreSecret(), was.protocols(),
            was.cipherSuites()));
    }

    /** The parked file: never logged or shown (it holds the keystore's secret). */
    static byte[] parkedFile(String secret, List<String> protocols, List<String> cipherSuites) throws IOException {
        Properties parked = new Properties();
        parked.setProperty("secret", secret);
        parked.setProperty("protocols", String.join(",", protocols));
        parked.setProperty("cipherSuites", String.join(",", cipherSuites));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        parked.store(bytes, "incoming TLS is off; the Connections screen turns it on again with these");
        return bytes.toByteArray();
    }

    /** The keystore's secret while incoming TLS is off, for the certificate summary and uploads. */
    static String parkedSecret(java.nio.file.Path generation) {
        try {
            byte[] bytes = Snapshot.bytes(generation, ConnectionsFiles.PARKED_TLS);
            if (bytes == null) {
                return null;
            }
            Properties parked = new Properties();
            parked.load(new ByteArrayInputStream(bytes));
            return parked.getProperty("secret");
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Properties parked(Snapshot current) throws IOException {
        byte[] bytes = Snapshot.bytes(current.folder(), ConnectionsFiles.PARKED_TLS);
        if (bytes == null || !Files.isRegularFile(current.folder().resolve(ConnectionsFiles.KEYSTORE))) {
            return null;
        }
        Properties parked = new Properties();
        parked.load(new java.io.InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1));
        return parked.getProperty("secret") == null ? null : parked;
    }

    private static boolean keystoreOpens(Snapshot current, Properties parked) {
        return CertificateSummary.of(current.folder(), parked.getProperty("secret")) != null;
    }

    private static List<String> list(Properties parked, String key) {
        return Arrays.stream(parked.getProperty(key, "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .collect(Collectors.toList());
    }
}
