package org.imsajames.bench.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * One self-signed key and certificate (RSA-2048 or ECDSA P-256), made with openssl, in the form each server reads:
 * PEM files for Postfix, a PKCS12 keystore for James. Both servers therefore do the same handshake work.
 */
final class TlsMaterial {
    final Path key;
    final Path certificate;
    final Path keystore;
    final String secret;

    private TlsMaterial(Path key, Path certificate, Path keystore, String secret) {
        this.key = key;
        this.certificate = certificate;
        this.keystore = keystore;
        this.secret = secret;
    }

    /** The certificate's key, and the openssl option that makes it. */
    enum KeyType {
        RSA_2048("RSA-2048", List.of("-newkey", "rsa:2048")),
        EC_P256("ECDSA P-256", List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"));

        final String label;
        final List<String> newKey;

        KeyType(String label, List<String> newKey) {
            this.label = label;
            this.newKey = newKey;
        }
    }

    static TlsMaterial create(Path folder, KeyType type) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Path key = folder.resolve("key.pem");
        Path certificate = folder.resolve("cert.pem");
        Path keystore = folder.resolve("keystore.p12");
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Path log = folder.resolve("openssl.log");
        Duration timeout = Duration.ofMinutes(2);
        List<String> request = new java.util.ArrayList<>(List.of("openssl", "req", "-x509"));
        request.addAll(type.newKey);
        request.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", certificate.toString(), "-days", "30",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"));
        ChildProcesses.run(request, log, timeout);
        // The secret goes through the environment, never the command line (visible to every user in ps).
        ProcessBuilder export = new ProcessBuilder("openssl", "pkcs12", "-export", "-in", certificate.toString(),
            "-inkey", key.toString(), "-name", "bench", "-out", keystore.toString(), "-passout", "env:BENCH_SECRET");
        export.environment().put("BENCH_SECRET", secret);
        Process process = export.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        if (process.waitFor() != 0) {
            throw new IOException("openssl pkcs12 failed; see " + log);
        }
        for (Path file : List.of(key, keystore)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return new TlsMaterial(key, certificate, keystore, secret);
    }
}
