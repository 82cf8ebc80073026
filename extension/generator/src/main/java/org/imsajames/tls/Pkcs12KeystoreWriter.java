package org.imsajames.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;

/**
 * Writes the PKCS12 keystore James's {@code <tls>} loads.
 *
 * <p>The algorithms are chosen here, not left to the JDK that runs the generator: from 11.0.12 and 17 on, the
 * JDK's KeyStore API writes an HMAC-SHA256 integrity MAC and AES-encrypted certificates, which Java 11 before
 * 11.0.12 cannot open, and the API cannot choose them per file. So the key is encrypted with PBES2
 * (PBKDF2-HMAC-SHA256, AES-256-CBC; Java reads it since 8), the public certificates are not encrypted, and the MAC
 * is PKCS12's HMAC-SHA1, which every Java reads. BouncyCastle assembles the file with its lightweight classes (no
 * JCA provider); the JDK's own cipher encrypts the key. Before anything is written, this JDK's PKCS12 must load
 * the result back.
 */
public final class Pkcs12KeystoreWriter {

    public static final String KEY_ALIAS = "imsa-james";

    private static final int ITERATIONS = 10_000;
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    private Pkcs12KeystoreWriter() {
    }

    /**
     * Writes a PKCS12 keystore to target, created with mode 0600 from the start (POSIX), never readable by others
     * even briefly. An existing target is replaced whole, and only once the new keystore is complete.
     */
    public static void write(TlsMaterial material, char[] secret, Path target)
            throws IOException, GeneralSecurityException {
        byte[] keystore = encode(material, secret);
        try {
            requireJavaLoads(keystore, material, secret);
            writeOwnerOnly(keystore, target);
        } finally {
            Arrays.fill(keystore, (byte) 0);
        }
    }

    private static byte[] encode(TlsMaterial material, char[] secret) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = material.chain();
        SubjectKeyIdentifier localKeyId = new JcaX509ExtensionUtils()
                .createSubjectKeyIdentifier(material.serverCertificate().getPublicKey());
        try {
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            for (int i = 0; i < chain.size(); i++) {
                PKCS12SafeBagBuilder certificateBag = new JcaPKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    // The JDK pairs the key with its certificate by localKeyId, then chains the others by issuer.
                    label(certificateBag, localKeyId);
                }
                pfx.addData(certificateBag.build());
            }
            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(material.privateKey(),
                    new JdkPbes2KeyEncryptor(secret, ITERATIONS));
            label(keyBag, localKeyId);
            pfx.addData(keyBag.build());
            return pfx.build(new BcPKCS12MacCalculatorBuilder().setIterationCount(ITERATIONS), secret)
                    .getEncoded(ASN1Encoding.DER);
        } catch (PKCSException e) {
            throw new GeneralSecurityException("cannot build the PKCS12 keystore", e);
        }
    }

    private static void label(PKCS12SafeBagBuilder bag, SubjectKeyIdentifier localKeyId) {
        bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(KEY_ALIAS));
        bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
    }

    /** James loads the keystore with the JDK's PKCS12: it must give back this key and server certificate. */
    private static void requireJavaLoads(byte[] keystore, TlsMaterial material, char[] secret)
            throws IOException, GeneralSecurityException {
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        loaded.load(new ByteArrayInputStream(keystore), secret);
        Key key = loaded.getKey(KEY_ALIAS, secret);
        Certificate[] chain = loaded.getCertificateChain(KEY_ALIAS);
        if (!(key instanceof PrivateKey)
                || !Arrays.equals(key.getEncoded(), material.privateKey().getEncoded())
                || chain == null
                || !chain[0].equals(material.serverCertificate())) {
            throw new KeyStoreException("the PKCS12 keystore does not load back with this Java's PKCS12 support");
        }
    }

    /** A temporary file created owner-only, then renamed: the target never exists half-written or readable. */
    private static void writeOwnerOnly(byte[] content, Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path temporary = posix
                ? Files.createTempFile(folder, ".keystore-", ".tmp", OWNER_ONLY)
                : Files.createTempFile(folder, ".keystore-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }
}
