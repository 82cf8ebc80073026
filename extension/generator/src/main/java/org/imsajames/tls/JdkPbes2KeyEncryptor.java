package org.imsajames.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * Encrypts the keystore's private key the way the JDK's own PKCS12 keystore does (PBES2: PBKDF2-HMAC-SHA256,
 * AES-256-CBC), with the JDK's cipher. BouncyCastle's equivalent needs its JCA provider, which a JDK that only
 * trusts signed providers refuses in the CLI jar, where shading strips BouncyCastle's signature.
 */
final class JdkPbes2KeyEncryptor implements OutputEncryptor {

    private static final String ALGORITHM = "PBEWithHmacSHA256AndAES_256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final Cipher cipher;
    private final AlgorithmIdentifier algorithm;

    JdkPbes2KeyEncryptor(char[] secret, int iterations) throws GeneralSecurityException, IOException {
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(iv);
        PBEKeySpec keySpec = new PBEKeySpec(secret);
        try {
            key = SecretKeyFactory.getInstance(ALGORITHM).generateSecret(keySpec);
        } finally {
            keySpec.clearPassword();
        }
        cipher = Cipher.getInstance(ALGORITHM);
        cipher.init(Cipher.ENCRYPT_MODE, key, new PBEParameterSpec(salt, iterations, new IvParameterSpec(iv)));
        algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
                ASN1Primitive.fromByteArray(cipher.getParameters().getEncoded()));
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream(OutputStream encryptedOut) {
        return new CipherOutputStream(encryptedOut, cipher);
    }

    @Override
    public GenericKey getKey() {
        return new GenericKey(key);
    }
}
