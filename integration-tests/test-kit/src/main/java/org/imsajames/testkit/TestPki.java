package org.imsajames.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.nio.file.attribute.PosixFilePermissions;
import java.io.OutputStream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.MiscPEMGenerator;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Test keys and certificates made with BouncyCastle, written the ways operators bring them: a CA, a server
 * certificate it signs (CN and SAN localhost, SAN IP 127.0.0.1), self-signed, expired or expiring ones, and
 * keys as PEM (PKCS#1/SEC1, PKCS#8, both encrypted) or DER, PKCS12 keystores and trust stores, and server-side
 * {@link SSLContext}s for test receivers. Everything in memory: no keytool or openssl, no password on a command line.
 */
public final class TestPki {

    public static final String SERVER_KEY_FILE = "server.key";
    public static final String SERVER_CERTIFICATE_FILE = "server.crt";
    public static final String CA_CERTIFICATE_FILE = "ca.crt";
    public static final String SERVER_NAME = "localhost";
    public static final String SERVER_IP = "127.0.0.1";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Writing encrypted keys needs it (the JDK lacks OpenSSL's key derivation); never installed globally. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    public enum KeyType {
        RSA, EC;

        String signatureAlgorithm() {
            return this == RSA ? "SHA256withRSA" : "SHA256withECDSA";
        }
    }

    public enum KeyEncoding {
        /** {@code BEGIN RSA PRIVATE KEY} (PKCS#1) or {@code BEGIN EC PRIVATE KEY} (SEC1). */
        PEM_TRADITIONAL(false),
        /** The same with {@code Proc-Type: 4,ENCRYPTED} (AES-256-CBC), as {@code openssl rsa -aes256} writes. */
        PEM_TRADITIONAL_ENCRYPTED(true),
        /** {@code BEGIN PRIVATE KEY}. */
        PEM_PKCS8(false),
        /** {@code BEGIN ENCRYPTED PRIVATE KEY}: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC (OpenSSL 3's default). */
        PEM_PKCS8_ENCRYPTED(true),
        /** PKCS#1 RSA or SEC1 EC, DER. */
        DER_TRADITIONAL(false),
        DER_PKCS8(false),
        DER_PKCS8_ENCRYPTED(true);

        private final boolean encrypted;

        KeyEncoding(boolean encrypted) {
            this.encrypted = encrypted;
        }

        public boolean isEncrypted() {
            return encrypted;
        }
    }

    public enum CertificateEncoding { PEM, DER }

    private TestPki() {
    }

    public static KeyPair keyPair(KeyType type) {
        try {
            if (type == KeyType.RSA) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed root CA. */
    public static Authority rootAuthority(String commonName, KeyType type, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair(type);
        X500Name name = new X500Name("CN=" + commonName);
        JcaX509ExtensionUtils extensions = extensionUtils();
        X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), notBefore, notAfter);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
        return new Authority(keys, sign(builder, keys.getPrivate(), type));
    }

    /** A self-signed server certificate (no CA), with the same names as a CA-issued one. */
    public static X509Certificate selfSignedServerCertificate(KeyPair keys, Instant notBefore, Instant notAfter) {
        X500Name name = new X500Name("CN=" + SERVER_NAME);
        X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), notBefore, notAfter);
        addServerExtensions(builder, keys.getPublic());
        return sign(builder, keys.getPrivate(), typeOf(keys.getPrivate()));
    }

    /** Writes a key the given way; password is needed exactly when the encoding is encrypted. */
    public static void writeKey(Path file, PrivateKey key, KeyEncoding encoding, char[] password) {
        if (encoding.isEncrypted() != (password != null)) {
            throw new IllegalArgumentException(
                    encoding + (encoding.isEncrypted() ? " needs" : " takes no") + " password");
        }
        try {
            switch (encoding) {
                case PEM_TRADITIONAL:
                    writePem(file, new MiscPEMGenerator(traditionalForm(key)).generate());
                    break;
                case PEM_TRADITIONAL_ENCRYPTED:
                    writePem(file, new MiscPEMGenerator(traditionalForm(key),
                            new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BOUNCY_CASTLE).setSecureRandom(RANDOM)
                                    .build(password)).generate());
                    break;
                case PEM_PKCS8:
                    writePem(file, new JcaPKCS8Generator(key, null).generate());
                    break;
                case PEM_PKCS8_ENCRYPTED:
                    writePem(file, new JcaPKCS8Generator(key, pkcs8Encryptor(password)).generate());
                    break;
                case DER_TRADITIONAL:
                    Files.write(file, new MiscPEMGenerator(traditionalForm(key)).generate().getContent());
                    break;
                case DER_PKCS8:
                    Files.write(file, key.getEncoded());
                    break;
                case DER_PKCS8_ENCRYPTED:
                    Files.write(file, new JcaPKCS8Generator(key, pkcs8Encryptor(password)).generate().getContent());
                    break;
                default:
                    throw new IllegalArgumentException(encoding.toString());
            }
            // A private key is readable by its owner only, as operators are told to keep theirs.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM holds them all in order; DER holds exactly one. */
    public static void writeCertificates(Path file, CertificateEncoding encoding, X509Certificate... certificates) {
        try {
            if (encoding == CertificateEncoding.DER) {
                if (certificates.length != 1) {
                    throw new IllegalArgumentException("a DER file holds one certificate");
                }
                Files.write(file, certificates[0].getEncoded());
                return;
            }
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                for (X509Certificate certificate : certificates) {
                    writer.writeObject(certificate);
                }
            }
            Files.write(file, pem.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CA-signed server files valid from a day ago for a year; see the other overload. */
    public static ServerFiles writeServerFiles(Path dir, KeyType type, KeyEncoding encoding, char[] password) {
        Instant now = Instant.now();
        return writeServerFiles(dir, type, encoding, password, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
    }

    /**
     * Writes {@value #SERVER_KEY_FILE} (the server key, encoded as asked), {@value #SERVER_CERTIFICATE_FILE} (PEM,
     * the server certificate valid from notBefore to notAfter) and {@value #CA_CERTIFICATE_FILE} (PEM, the CA that
     * signed it, valid from a day before notBefore to ten years after notAfter) into dir.
     */
    public static ServerFiles writeServerFiles(Path dir, KeyType type, KeyEncoding encoding, char[] password,
            Instant notBefore, Instant notAfter) {
        Authority ca = rootAuthority("imsa-james test CA", type, notBefore.minus(Duration.ofDays(1)),
                notAfter.plus(Duration.ofDays(3650)));
        KeyPair serverKeys = keyPair(type);
        X509Certificate server = ca.issueServerCertificate(serverKeys.getPublic(), notBefore, notAfter);
        ServerFiles files = new ServerFiles(dir.resolve(SERVER_KEY_FILE), dir.resolve(SERVER_CERTIFICATE_FILE),
                dir.resolve(CA_CERTIFICATE_FILE), serverKeys, server, ca);
        writeKey(files.privateKeyFile(), serverKeys.getPrivate(), encoding, password);
        writeCertificates(files.serverCertificateFile(), CertificateEncoding.PEM, server);
        writeCertificates(files.caCertificateFile(), CertificateEncoding.PEM, ca.certificate());
        return files;
    }

    /** A self-signed server certificate for DNS name NAME only: right name, wrong chain. */
    public static X509Certificate selfSignedServerCertificateFor(KeyPair keys, String name, Instant notBefore,
            Instant notAfter) {
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), notBefore, notAfter);
        addServerExtensions(builder, keys.getPublic(), dnsNames(name));
        return sign(builder, keys.getPrivate(), typeOf(keys.getPrivate()));
    }

    /**
     * A PKCS12 keystore at FILE (mode 0600) holding KEY under ALIAS with its CHAIN (the key's own certificate
     * first), protected by SECRET.
     */
    public static void writePkcs12(Path file, char[] secret, String alias, PrivateKey key, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, secret, chain);
            store(store, file, secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS12 trust store at FILE holding only these certificates (aliases ca0, ca1, ...). */
    public static void writeTrustStore(Path file, char[] secret, X509Certificate... trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("ca" + i, trusted[i]);
            }
            store(store, file, secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A self-signed RSA key and certificate for localhost (SAN DNS localhost, IP 127.0.0.1), valid from a day ago for
     * 30 days, as a PKCS12 keystore at FILE under ALIAS; returns the certificate.
     */
    public static X509Certificate writeSelfSignedKeystore(Path file, char[] secret, String alias) {
        KeyPair keys = keyPair(KeyType.RSA);
        Instant now = Instant.now();
        X509Certificate certificate = selfSignedServerCertificate(keys, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        writePkcs12(file, secret, alias, keys.getPrivate(), certificate);
        return certificate;
    }

    /** A TLS server context presenting KEY with CHAIN, trusting nothing (it asks for no client certificate). */
    public static SSLContext serverContext(PrivateKey key, X509Certificate... chain) {
        try {
            char[] transientSecret = "in-memory".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, transientSecret, chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, transientSecret);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void store(KeyStore store, Path file, char[] secret) throws IOException, GeneralSecurityException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, secret);
        }
    }

    /** A certificate authority: its key pair and certificate, able to issue intermediates and server certificates. */
    public static final class Authority {

        private final KeyPair keyPair;
        private final X509Certificate certificate;

        private Authority(KeyPair keyPair, X509Certificate certificate) {
            this.keyPair = keyPair;
            this.certificate = certificate;
        }

        public KeyPair keyPair() {
            return keyPair;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        public Authority intermediate(String commonName, KeyType type, Instant notBefore, Instant notAfter) {
            KeyPair keys = TestPki.keyPair(type);
            X509v3CertificateBuilder builder = builder(subject(), new X500Name("CN=" + commonName), keys.getPublic(),
                    notBefore, notAfter);
            JcaX509ExtensionUtils extensions = extensionUtils();
            try {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                        .addExtension(Extension.keyUsage, true,
                                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                        .addExtension(Extension.subjectKeyIdentifier, false,
                                extensions.createSubjectKeyIdentifier(keys.getPublic()))
                        .addExtension(Extension.authorityKeyIdentifier, false,
                                extensions.createAuthorityKeyIdentifier(certificate));
            } catch (CertIOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return new Authority(keys, sign(builder, keyPair.getPrivate(), typeOf(keyPair.getPrivate())));
        }

        /** CN=localhost, SAN DNS localhost and IP 127.0.0.1, for TLS servers. */
        public X509Certificate issueServerCertificate(PublicKey serverKey, Instant notBefore, Instant notAfter) {
            X509v3CertificateBuilder builder = builder(subject(), new X500Name("CN=" + SERVER_NAME), serverKey,
                    notBefore, notAfter);
            addServerExtensions(builder, serverKey);
            try {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensionUtils().createAuthorityKeyIdentifier(certificate));
            } catch (CertIOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return sign(builder, keyPair.getPrivate(), typeOf(keyPair.getPrivate()));
        }

        /** CN=NAME, SAN DNS NAME and ALSO: a server certificate for a host other than localhost (an MX, a policy host). */
        public X509Certificate issueServerCertificateFor(PublicKey serverKey, Instant notBefore, Instant notAfter,
                String name, String... also) {
            X509v3CertificateBuilder builder = builder(subject(), new X500Name("CN=" + name), serverKey, notBefore,
                    notAfter);
            String[] names = new String[also.length + 1];
            names[0] = name;
            System.arraycopy(also, 0, names, 1, also.length);
            addServerExtensions(builder, serverKey, dnsNames(names));
            try {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensionUtils().createAuthorityKeyIdentifier(certificate));
            } catch (CertIOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return sign(builder, keyPair.getPrivate(), typeOf(keyPair.getPrivate()));
        }

        private X500Name subject() {
            return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        }
    }

    /** The files writeServerFiles wrote, and what is in them. */
    public static final class ServerFiles {

        private final Path privateKeyFile;
        private final Path serverCertificateFile;
        private final Path caCertificateFile;
        private final KeyPair serverKeyPair;
        private final X509Certificate serverCertificate;
        private final Authority ca;

        private ServerFiles(Path privateKeyFile, Path serverCertificateFile, Path caCertificateFile,
                KeyPair serverKeyPair, X509Certificate serverCertificate, Authority ca) {
            this.privateKeyFile = privateKeyFile;
            this.serverCertificateFile = serverCertificateFile;
            this.caCertificateFile = caCertificateFile;
            this.serverKeyPair = serverKeyPair;
            this.serverCertificate = serverCertificate;
            this.ca = ca;
        }

        public Path privateKeyFile() {
            return privateKeyFile;
        }

        public Path serverCertificateFile() {
            return serverCertificateFile;
        }

        public Path caCertificateFile() {
            return caCertificateFile;
        }

        public KeyPair serverKeyPair() {
            return serverKeyPair;
        }

        public X509Certificate serverCertificate() {
            return serverCertificate;
        }

        public Authority ca() {
            return ca;
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
            Instant notBefore, Instant notAfter) {
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, RANDOM).add(BigInteger.ONE),
                Date.from(notBefore), Date.from(notAfter), subject, key);
    }

    private static void addServerExtensions(X509v3CertificateBuilder builder, PublicKey key) {
        addServerExtensions(builder, key, new GeneralName[] {
            new GeneralName(GeneralName.dNSName, SERVER_NAME), new GeneralName(GeneralName.iPAddress, SERVER_IP)});
    }

    private static GeneralName[] dnsNames(String... names) {
        GeneralName[] general = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            general[i] = new GeneralName(GeneralName.dNSName, names[i]);
        }
        return general;
    }

    private static void addServerExtensions(X509v3CertificateBuilder builder, PublicKey key, GeneralName[] names) {
        int usage = key.getAlgorithm().equals("RSA")
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                : KeyUsage.digitalSignature;
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensionUtils().createSubjectKeyIdentifier(key));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey, KeyType issuerType) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(issuerType.signatureAlgorithm()).build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyType typeOf(PrivateKey key) {
        return key.getAlgorithm().equals("RSA") ? KeyType.RSA : KeyType.EC;
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutputEncryptor pkcs8Encryptor(char[] password) throws OperatorCreationException {
        return new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setPRF(PKCS8Generator.PRF_HMACSHA256)
                .setProvider(BOUNCY_CASTLE)
                .setRandom(RANDOM)
                .setPassword(password)
                .build();
    }

    /**
     * The key as PEM/DER writers turn it into PKCS#1 or SEC1. The JDK's EC encoding leaves the curve out of the
     * inner SEC1 structure (it is in the PKCS#8 wrapper), and a SEC1 file without its curve is unusable: it is put
     * back, as OpenSSL writes it.
     */
    private static PrivateKeyInfo traditionalForm(PrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        if (!(key instanceof ECPrivateKey)) {
            return info;
        }
        ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
        int orderBits = ((ECPrivateKey) key).getParams().getOrder().bitLength();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits,
                ((ECPrivateKey) key).getS(), curve);
        return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), sec1);
    }

    private static void writePem(Path file, PemObject pem) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(pem);
        }
        Files.write(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
