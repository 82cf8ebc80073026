package org.imsajames.webadmin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imsajames.settings.IncomingTlsDefaults;
import org.imsajames.tls.KeystoreSecret;
import org.imsajames.tls.TlsMaterial;
import org.imsajames.tls.TlsMaterialException;
import org.imsajames.tls.TlsMaterialLoader;

/**
 * "Browse... / Upload" of the private key, the server certificate and the CA certificate: checked exactly as
 * {@code imsa-james check} checks the settings' files (key matches the certificate, not expired, chain order, an
 * encrypted key needs its password), then written as the PKCS12 keystore smtpserver.xml names, with the secret
 * smtpserver.xml gives (James fixed both at start). The key and its password live only in memory and in a 0700
 * temporary folder that is removed before the reply; neither is logged or returned.
 */
final class CertificateUpload {
    /** The alias imsa-james generate gives the key too. */
    static final String KEY_ALIAS = "imsa-james";
    private final TlsMaterial material;
    private final CertificateSummary summary;

    private CertificateUpload(TlsMaterial material, CertificateSummary summary) {
        this.material = material;
        this.summary = summary;
    }

    static CertificateUpload of(Map<String, byte[]> parts) throws ApiError, IOException {
        byte[] key = parts.get("privateKey");
        byte[] certificate = parts.get("serverCertificate");
        if (key == null || key.length == 0 || certificate == null || certificate.length == 0) {
            throw ApiError.badRequest("privateKey and serverCertificate are required (PEM or DER files)");
        }
        byte[] ca = parts.get("caCertificate");
        byte[] passwordBytes = parts.get("privateKeyPassword");
        char[] password = passwordBytes == null || passwordBytes.length == 0 ? null : chars(passwordBytes);
        Path folder = Files.createTempDirectory("imsa-upload-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            // Our names, never the upload's: the loader's messages name these files.
            Path keyFile = write(folder, "privateKey", key);
            Path certificateFile = write(folder, "serverCertificate", certificate);
            Path caFile = ca == null || ca.length == 0 ? null : write(folder, "caCertificate", ca);
            TlsMaterial material = new TlsMaterialLoader(Clock.systemUTC()).load(keyFile, password, certificateFile,
                caFile);
            return new CertificateUpload(material, new CertificateSummary(material.serverCertificate()));
        } catch (TlsMaterialException e) {
            throw ApiError.badRequest(e.getMessage() + "; nothing was changed");
        } catch (GeneralSecurityException e) {
            throw ApiError.badRequest("the server certificate cannot be read; nothing was changed");
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            if (passwordBytes != null) {
                Arrays.fill(passwordBytes, (byte) 0);
            }
            Arrays.fill(key, (byte) 0);
            deleteTree(folder);
        }
    }

    List<String> warnings() {
        return material.warnings();
    }

    Draft apply(Snapshot current) throws ApiError, IOException {
        // While incoming TLS is off the secret is parked (or, for a generation that never had a keystore, made now
        // and parked with the default lists): the upload is served once incoming TLS is on again.
        Optional<String> known = current.keystoreSecret();
        char[] secretChars = known.map(String::toCharArray).orElseGet(KeystoreSecret::generate);
        try {
            Draft draft = new Draft(current.list(), current.tlsOnly(), keystore(material, secretChars), summary, null,
                List.of());
            return known.isPresent() ? draft : draft.withServerFile(ConnectionsFiles.PARKED_TLS,
                IncomingTlsSwitch.parkedFile(new String(secretChars), IncomingTlsDefaults.PROTOCOLS,
                    IncomingTlsDefaults.CIPHER_SUITES));
        } catch (GeneralSecurityException e) {
            throw new IOException("the keystore cannot be written: " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(secretChars, '\0');
        }
    }

    /**
     * The JDK's own PKCS12 writer (on Java 11.0.12+ and 17: PBKDF2 with AES-256 and a SHA-256 MAC), not
     * BouncyCastle's: James 3.8.1 ships bcprov and bcpkix 1.70 without bcutil, which BouncyCastle's PKCS12 builder
     * needs. Read back before it is used, as James will read it.
     */
    static byte[] keystore(TlsMaterial material, char[] secret) throws GeneralSecurityException, IOException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(KEY_ALIAS, material.privateKey(), secret,
            material.chain().toArray(new Certificate[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keyStore.store(out, secret);
        byte[] bytes = out.toByteArray();
        KeyStore check = KeyStore.getInstance("PKCS12");
        check.load(new java.io.ByteArrayInputStream(bytes), secret);
        if (check.getKey(KEY_ALIAS, secret) == null) {
            throw new GeneralSecurityException("written keystore holds no key");
        }
        return bytes;
    }

    private static char[] chars(byte[] utf8) {
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        return chars;
    }

    private static Path write(Path folder, String name, byte[] content) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }
}
