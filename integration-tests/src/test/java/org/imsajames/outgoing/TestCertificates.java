package org.imsajames.outgoing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Keys and certificates for the test receivers, made with the JDK's keytool: a test CA (which James's JVM is
 * told to trust), server certificates it issues for a given DNS name, and self-signed ones.
 */
final class TestCertificates {
    static final String PASSWORD = "test-password";
    private final Path folder;
    private final Path ca;

    private TestCertificates(Path folder) {
        this.folder = folder;
        this.ca = folder.resolve("ca.p12");
    }

    static TestCertificates createIn(Path folder) throws IOException, InterruptedException {
        TestCertificates certificates = new TestCertificates(folder);
        certificates.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=imsa-james test CA", "-ext", "bc:c", "-validity", "2", "-keystore", certificates.ca.toString());
        return certificates;
    }

    /** A PKCS12 trust store holding only the test CA, for James's -Djavax.net.ssl.trustStore. */
    Path trustStore() throws IOException, InterruptedException {
        Path pem = folder.resolve("ca.pem");
        Path trust = folder.resolve("trust.p12");
        if (!Files.exists(trust)) {
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", pem.toString());
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", pem.toString(), "-keystore", trust.toString());
        }
        return trust;
    }

    /** A server key with a certificate for DNS name NAME (and ALSO) issued by the test CA. */
    SSLContext issuedFor(String name, String... also) throws IOException, InterruptedException, GeneralSecurityException {
        StringBuilder san = new StringBuilder("SAN=dns:" + name);
        for (String other : also) {
            san.append(",dns:").append(other);
        }
        Path keystore = folder.resolve("issued-" + name + ".p12");
        Path request = folder.resolve(name + ".csr");
        Path certificate = folder.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", keystore.toString());
        keytool("-certreq", "-alias", "server", "-keystore", keystore.toString(), "-file", request.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(),
                "-outfile", certificate.toString(), "-rfc", "-validity", "2", "-ext", san.toString(),
                "-ext", "EKU=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", trustStore().resolveSibling("ca.pem").toString(),
                "-keystore", keystore.toString());
        keytool("-importcert", "-alias", "server", "-file", certificate.toString(), "-keystore", keystore.toString());
        return context(keystore);
    }

    /** A self-signed certificate that does name NAME: only the chain is wrong. */
    SSLContext selfSignedFor(String name) throws IOException, InterruptedException, GeneralSecurityException {
        Path keystore = folder.resolve("self-" + name + ".p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=dns:" + name, "-validity", "2", "-keystore", keystore.toString());
        return context(keystore);
    }

    /**
     * As {@link #issuedFor}, as one PEM file holding the key, then its certificate, then the CA's: what Postfix's
     * smtpd_tls_chain_files takes.
     */
    Path issuedPemFor(String name, String... also) throws IOException, InterruptedException, GeneralSecurityException {
        issuedFor(name, also);
        return pemChain(folder.resolve("issued-" + name + ".p12"), name, folder.resolve(name + ".pem"),
                trustStore().resolveSibling("ca.pem"));
    }

    /** As {@link #selfSignedFor}, as one PEM file (key, then certificate) for Postfix. */
    Path selfSignedPemFor(String name) throws IOException, InterruptedException, GeneralSecurityException {
        selfSignedFor(name);
        Path keystore = folder.resolve("self-" + name + ".p12");
        Path certificate = folder.resolve("self-" + name + ".crt");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-file",
                certificate.toString());
        return pemChain(keystore, "self-" + name, certificate);
    }

    private Path pemChain(Path keystore, String name, Path... certificates) throws IOException, InterruptedException {
        Path key = folder.resolve(name + ".key");
        Process process = new ProcessBuilder("openssl", "pkcs12", "-in", keystore.toString(), "-passin",
                "pass:" + PASSWORD, "-nocerts", "-nodes", "-out", key.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl pkcs12 " + keystore + " failed:\n" + output);
        }
        StringBuilder chain = new StringBuilder(Files.readString(key));
        for (Path certificate : certificates) {
            chain.append(Files.readString(certificate));
        }
        Path pem = folder.resolve(name + ".chain.pem");
        Files.writeString(pem, chain);
        Files.setPosixFilePermissions(pem, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return pem;
    }

    private static SSLContext context(Path keystore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }
}
