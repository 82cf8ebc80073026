package org.imsajames.webadmin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imsajames.policy.PolicyMode;

/**
 * One published generation as the Connections screen sees it; its version is the generation's ID (the folder
 * name under conf/imsa/generations), which is also the state's ETag.
 */
final class Snapshot {
    private final String version;
    private final Path folder;
    private final ScreenList list;
    private final SmtpServerFacts smtp;
    private final boolean tlsOnly;
    private final CertificateSummary certificate;
    private final OutgoingTls outgoing;

    private Snapshot(String version, Path folder, ScreenList list, SmtpServerFacts smtp, boolean tlsOnly,
            CertificateSummary certificate, OutgoingTls outgoing) {
        this.version = version;
        this.folder = folder;
        this.list = list;
        this.smtp = smtp;
        this.tlsOnly = tlsOnly;
        this.certificate = certificate;
        this.outgoing = outgoing;
    }

    static Snapshot read(Path generation) throws IOException {
        ScreenList list = ScreenList.read(generation);
        SmtpServerFacts smtp = SmtpServerFacts.parse(bytes(generation, ConnectionsFiles.SMTP_SERVER));
        boolean tlsOnly = TlsOnlySetting.read(generation).orElse(smtp.tlsOnlyHandler());
        CertificateSummary certificate = CertificateSummary.of(generation, keystoreSecret(generation, smtp));
        return new Snapshot(generation.getFileName().toString(), generation,
            list == null ? new ScreenList(PolicyMode.ACCEPT_ALL_EXCEPT, List.of()) : list, smtp, tlsOnly, certificate,
            OutgoingTls.parse(bytes(generation, ConnectionsFiles.MAILET_CONTAINER)));
    }

    /** Our keystore's secret: smtpserver.xml's, or the parked one while the screen has incoming TLS off. */
    private static String keystoreSecret(Path generation, SmtpServerFacts smtp) {
        return smtp.keystoreSecret().orElseGet(() -> IncomingTlsSwitch.parkedSecret(generation));
    }

    /** Never shown or logged. */
    java.util.Optional<String> keystoreSecret() {
        return java.util.Optional.ofNullable(keystoreSecret(folder, smtp));
    }

    /** The file's bytes, or null when the generation has none. */
    static byte[] bytes(Path generation, String name) throws IOException {
        Path file = generation.resolve(name);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : null;
    }

    String version() {
        return version;
    }

    Path folder() {
        return folder;
    }

    ScreenList list() {
        return list;
    }

    SmtpServerFacts smtp() {
        return smtp;
    }

    boolean tlsOnly() {
        return tlsOnly;
    }

    CertificateSummary certificate() {
        return certificate;
    }

    OutgoingTls outgoing() {
        return outgoing;
    }

    /** What James reads only at start, to compare with the generation it started on. */
    RestartOnlyValues restartOnly() {
        return RestartOnlyValues.of(smtp, outgoing);
    }

    /** Contract 3's state; STARTEDWITH is the generation James started on, for what waits for a restart. */
    Map<String, Object> toJson(Snapshot startedWith) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version);
        json.put("smtpInterface", smtp.smtpInterface());
        Map<String, Object> control = new LinkedHashMap<>();
        control.put("policy", list.mode().setting());
        control.put("entries", list.entries());
        json.put("connectionControl", control);
        Map<String, Object> incoming = new LinkedHashMap<>();
        incoming.put("enabled", smtp.startTls());
        incoming.put("tlsOnly", tlsOnly);
        incoming.put("certificate", certificate == null ? null : certificate.toJson());
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("incoming", incoming);
        tls.put("outgoing", outgoing.toJson());
        json.put("tls", tls);
        json.put("pendingRestart", PendingRestart.between(startedWith, this));
        return json;
    }
}
