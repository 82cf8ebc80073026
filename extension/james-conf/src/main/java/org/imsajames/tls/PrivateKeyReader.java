package org.imsajames.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.crypto.NoSuchPaddingException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.bc.BcPEMDecryptorProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

/**
 * Reads the one private key of a PEM or DER file and decrypts it if needed.
 *
 * <p>Encrypted PKCS#8 is decrypted with a BouncyCastle provider instance kept here (never installed in the JVM):
 * the JDK's providers lack scrypt, PBES2 with 3DES, AES-192 or Camellia, and the AES parameter lookups
 * BouncyCastle's PBES2 code asks for.
 * OpenSSL's traditional encryption is decrypted with BouncyCastle's lightweight classes, no provider at all.
 */
final class PrivateKeyReader {

    private static final String PASSWORD_SETTING = "tls.incoming.privateKeyPassword";

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final JcaPEMKeyConverter converter = new JcaPEMKeyConverter();

    /** The key, or a refusal naming the file. Adds a warning when a password was given for a clear key. */
    PrivateKey read(Path file, char[] password, List<String> warnings) throws TlsMaterialException {
        String name = TlsFile.name(file);
        byte[] content = TlsFile.read(file);
        try {
            Object key = TlsFile.isPem(content) ? pemKey(name, content) : derKey(name, content);
            boolean hasPassword = password != null && password.length > 0;
            PrivateKeyInfo clear;
            if (key instanceof PrivateKeyInfo) {
                clear = (PrivateKeyInfo) key;
                if (hasPassword) {
                    warnings.add(name + " is not encrypted: " + PASSWORD_SETTING + " is not needed");
                }
            } else if (!hasPassword) {
                throw new TlsMaterialException(name + " is encrypted: set " + PASSWORD_SETTING);
            } else {
                clear = decrypt(name, key, password);
            }
            return toJavaKey(name, clear);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** A {@link PrivateKeyInfo}, or one of BouncyCastle's encrypted forms. */
    private Object pemKey(String name, byte[] content) throws TlsMaterialException {
        List<Object> keys = new ArrayList<>();
        boolean certificateSeen = false;
        try (PEMParser parser = new PEMParser(
                new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PEMKeyPair) {
                    keys.add(((PEMKeyPair) object).getPrivateKeyInfo());
                } else if (object instanceof PrivateKeyInfo
                        || object instanceof PEMEncryptedKeyPair
                        || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    keys.add(object);
                } else if (object instanceof X509CertificateHolder) {
                    certificateSeen = true;
                }
                // Anything else (EC PARAMETERS written by 'openssl ecparam -genkey', a public key) is not a key.
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsMaterialException(name + ": not a valid PEM private key file");
        }
        if (keys.isEmpty()) {
            throw new TlsMaterialException(name + (certificateSeen
                    ? ": holds a certificate, not a private key"
                    : ": holds no private key (expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY, BEGIN EC PRIVATE KEY"
                            + " or BEGIN ENCRYPTED PRIVATE KEY)"));
        }
        if (keys.size() > 1) {
            throw new TlsMaterialException(name + ": holds " + keys.size() + " private keys; keep only the server's");
        }
        return keys.get(0);
    }

    /** DER: PKCS#8 (clear or encrypted), or the traditional PKCS#1 RSA / SEC1 EC structures openssl writes. */
    private Object derKey(String name, byte[] content) throws TlsMaterialException {
        ASN1Sequence sequence;
        try {
            sequence = TlsFile.looksLikeDer(content) ? ASN1Sequence.getInstance(content) : null;
        } catch (RuntimeException e) {
            sequence = null;
        }
        if (sequence == null) {
            throw new TlsMaterialException(name + ": not a private key (neither PEM nor DER)");
        }
        try {
            return new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(sequence));
        } catch (RuntimeException notEncrypted) {
            // try the next form
        }
        try {
            return PrivateKeyInfo.getInstance(sequence);
        } catch (RuntimeException notPkcs8) {
            // try the next form
        }
        try {
            return new PrivateKeyInfo(
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    RSAPrivateKey.getInstance(sequence));
        } catch (IOException | RuntimeException notPkcs1) {
            // try the next form
        }
        if (isCertificate(sequence)) {
            throw new TlsMaterialException(name + ": holds a certificate, not a private key");
        }
        try {
            ECPrivateKey ecKey = ECPrivateKey.getInstance(sequence);
            ecKey.getKey(); // ECPrivateKey parses lazily: this checks that the structure is one
            if (ecKey.getParametersObject() != null) {
                return new PrivateKeyInfo(
                        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ecKey.getParametersObject()),
                        ecKey);
            }
        } catch (IOException | RuntimeException notSec1) {
            // not a key form we know
        }
        throw new TlsMaterialException(name + ": not a private key (DER is read as PKCS#8, encrypted PKCS#8,"
                + " PKCS#1 RSA or SEC1 EC with its curve)");
    }

    private static boolean isCertificate(ASN1Sequence sequence) {
        try {
            Certificate.getInstance(sequence);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static PrivateKeyInfo decrypt(String name, Object encrypted, char[] password)
            throws TlsMaterialException {
        try {
            if (encrypted instanceof PKCS8EncryptedPrivateKeyInfo) {
                return ((PKCS8EncryptedPrivateKeyInfo) encrypted)
                        .decryptPrivateKeyInfo(new JcePKCSPBEInputDecryptorProviderBuilder()
                                .setProvider(BOUNCY_CASTLE).build(password));
            }
            return ((PEMEncryptedKeyPair) encrypted)
                    .decryptKeyPair(new BcPEMDecryptorProvider(password))
                    .getPrivateKeyInfo();
        } catch (Exception e) {
            // No cause attached: it says nothing the operator can act on, and holds decryption internals.
            if (isMissingAlgorithm(e)) {
                throw new TlsMaterialException(name + ": this Java cannot decrypt the key's encryption; re-encrypt"
                        + " it with 'openssl pkcs8 -topk8 -v2 aes-256-cbc', or run the generator on OpenJDK");
            }
            throw new TlsMaterialException(name + ": cannot decrypt the private key: wrong password in "
                    + PASSWORD_SETTING + ", or the file is damaged");
        }
    }

    private static boolean isMissingAlgorithm(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof OperatorCreationException
                    || cause instanceof NoSuchAlgorithmException
                    || cause instanceof NoSuchPaddingException
                    // a JDK that only trusts signed providers refuses the unsigned BouncyCastle of the CLI jar
                    || cause instanceof SecurityException) {
                return true;
            }
        }
        return false;
    }

    private PrivateKey toJavaKey(String name, PrivateKeyInfo info) throws TlsMaterialException {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)
                && !X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            throw new TlsMaterialException(name + ": unsupported key type (algorithm " + algorithm.getId()
                    + "); use an RSA or EC key");
        }
        try {
            return converter.getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new TlsMaterialException(name + ": the private key is damaged or uses parameters Java cannot read");
        }
    }
}
