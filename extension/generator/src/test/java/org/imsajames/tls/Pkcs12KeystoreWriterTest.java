package org.imsajames.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.imsajames.testkit.TestPki.Authority;
import org.imsajames.testkit.TestPki.CertificateEncoding;
import org.imsajames.testkit.TestPki.KeyEncoding;
import org.imsajames.testkit.TestPki.KeyType;
import org.imsajames.testkit.TestPki.ServerFiles;
import org.imsajames.testkit.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Pkcs12KeystoreWriterTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant VALID_FROM = NOW.minus(Duration.ofDays(1));
    private static final Instant VALID_UNTIL = NOW.plus(Duration.ofDays(365));

    private final TlsMaterialLoader loader = new TlsMaterialLoader(Clock.fixed(NOW, ZoneOffset.UTC));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void theJdkLoadsBackTheKeyAndTheChain(KeyType type) throws Exception {
        TlsMaterial material = material(type);
        char[] secret = KeystoreSecret.generate();
        Path keystore = dir.resolve("keystore.p12");

        Pkcs12KeystoreWriter.write(material, secret, keystore);

        KeyStore loaded = loadWithJdk(keystore, secret);
        assertThat(Collections.list(loaded.aliases())).containsExactly(Pkcs12KeystoreWriter.KEY_ALIAS);
        Key key = loaded.getKey(Pkcs12KeystoreWriter.KEY_ALIAS, secret);
        assertThat(key.getEncoded()).isEqualTo(material.privateKey().getEncoded());
        assertThat(loaded.getCertificateChain(Pkcs12KeystoreWriter.KEY_ALIAS))
                .containsExactlyElementsOf(material.chain());
    }

    @Test
    void keepsAChainWithAnIntermediate() throws Exception {
        Authority root = TestPki.rootAuthority("Root", KeyType.EC, VALID_FROM, VALID_UNTIL);
        Authority intermediate = root.intermediate("Intermediate", KeyType.RSA, VALID_FROM, VALID_UNTIL);
        KeyPair keys = TestPki.keyPair(KeyType.RSA);
        X509Certificate server = intermediate.issueServerCertificate(keys.getPublic(), VALID_FROM, VALID_UNTIL);
        Path key = dir.resolve("server.key");
        TestPki.writeKey(key, keys.getPrivate(), KeyEncoding.PEM_PKCS8, null);
        Path certificates = dir.resolve("server.crt");
        TestPki.writeCertificates(certificates, CertificateEncoding.PEM, server, intermediate.certificate());
        Path ca = dir.resolve("ca.crt");
        TestPki.writeCertificates(ca, CertificateEncoding.PEM, root.certificate());
        TlsMaterial material = loader.load(key, null, certificates, ca);
        char[] secret = KeystoreSecret.generate();

        Pkcs12KeystoreWriter.write(material, secret, dir.resolve("keystore.p12"));

        Certificate[] chain = loadWithJdk(dir.resolve("keystore.p12"), secret)
                .getCertificateChain(Pkcs12KeystoreWriter.KEY_ALIAS);
        assertThat(chain).containsExactly(server, intermediate.certificate(), root.certificate());
    }

    @Test
    void isOwnerOnlyEvenWhenItReplacesAReadableFile() throws Exception {
        Path keystore = dir.resolve("keystore.p12");
        assumeThat(Files.getFileStore(dir).supportsFileAttributeView("posix")).isTrue();
        Files.writeString(keystore, "old");
        Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-r--r--"));

        Pkcs12KeystoreWriter.write(material(KeyType.EC), KeystoreSecret.generate(), keystore);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
    }

    @Test
    void isOwnerOnlyWhenNew() throws Exception {
        Path keystore = dir.resolve("keystore.p12");
        assumeThat(Files.getFileStore(dir).supportsFileAttributeView("posix")).isTrue();

        Pkcs12KeystoreWriter.write(material(KeyType.EC), KeystoreSecret.generate(), keystore);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
    }

    @Test
    void leavesNoTemporaryFileBehind() throws Exception {
        Pkcs12KeystoreWriter.write(material(KeyType.EC), KeystoreSecret.generate(), dir.resolve("keystore.p12"));

        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("keystore.p12", "server.key", "server.crt", "ca.crt");
        }
    }

    @Test
    void writesNothingWhenTheFolderIsMissing() throws Exception {
        TlsMaterial material = material(KeyType.EC);
        Path keystore = dir.resolve("absent").resolve("keystore.p12");

        assertThatThrownBy(() -> Pkcs12KeystoreWriter.write(material, KeystoreSecret.generate(), keystore))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(keystore.getParent()).doesNotExist();
    }

    @Test
    void anotherSecretDoesNotOpenIt() throws Exception {
        Path keystore = dir.resolve("keystore.p12");
        Pkcs12KeystoreWriter.write(material(KeyType.RSA), KeystoreSecret.generate(), keystore);

        assertThatThrownBy(() -> loadWithJdk(keystore, KeystoreSecret.generate())).isInstanceOf(IOException.class);
    }

    /** The choices that let every Java 11 (and 8) open the file; see Pkcs12KeystoreWriter. */
    @Test
    void usesAlgorithmsEveryJava11Reads() throws Exception {
        char[] secret = KeystoreSecret.generate();
        Path keystore = dir.resolve("keystore.p12");
        Pkcs12KeystoreWriter.write(material(KeyType.RSA), secret, keystore);

        PKCS12PfxPdu pfx = new PKCS12PfxPdu(Files.readAllBytes(keystore));

        assertThat(pfx.getMacAlgorithmID().getAlgorithm()).isEqualTo(OIWObjectIdentifiers.idSHA1);
        List<PKCS12SafeBag> bags = new ArrayList<>();
        for (ContentInfo content : pfx.getContentInfos()) {
            // Encrypted content (PBES2-encrypted certificates) is what Java 11 before 11.0.12 cannot read.
            assertThat(content.getContentType()).isEqualTo(PKCSObjectIdentifiers.data);
            bags.addAll(Arrays.asList(new PKCS12SafeBagFactory(content).getSafeBags()));
        }
        PKCS12SafeBag keyBag = bags.stream()
                .filter(bag -> bag.getType().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag))
                .findFirst().orElseThrow();
        AlgorithmIdentifier encryption = ((PKCS8EncryptedPrivateKeyInfo) keyBag.getBagValue()).getEncryptionAlgorithm();
        assertThat(encryption.getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBES2);
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(encryption.getParameters());
        assertThat(pbes2.getEncryptionScheme().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
        assertThat(PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters()).getPrf().getAlgorithm())
                .isEqualTo(PKCSObjectIdentifiers.id_hmacWithSHA256);
    }

    private TlsMaterial material(KeyType type) throws TlsMaterialException {
        ServerFiles files = TestPki.writeServerFiles(dir, type, KeyEncoding.PEM_PKCS8, null, VALID_FROM, VALID_UNTIL);
        return loader.load(files.privateKeyFile(), null, files.serverCertificateFile(), files.caCertificateFile());
    }

    private static KeyStore loadWithJdk(Path keystore, char[] secret) throws Exception {
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            loaded.load(in, secret);
        }
        return loaded;
    }
}
