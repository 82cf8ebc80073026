package org.imsajames.generator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Enumeration;

/**
 * The key and certificate chain a PKCS12 keystore gives James, as the JDK loads it. Two keystores with the
 * same identity serve the same TLS, whatever their secrets: update keeps the existing one then.
 */
final class KeystoreIdentity {
    private final byte[] key;
    private final Certificate[] chain;

    private KeystoreIdentity(byte[] key, Certificate[] chain) {
        this.key = key;
        this.chain = chain;
    }

    /** Null when the file cannot be opened with that secret or holds no key: nothing to keep then. */
    static KeystoreIdentity read(Path keystore, char[] secret) {
        try (InputStream input = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(input, secret);
            Enumeration<String> aliases = store.aliases();
            while (aliases.hasMoreElements()) {
                String alias = aliases.nextElement();
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, secret);
                    return new KeystoreIdentity(key.getEncoded(), store.getCertificateChain(alias));
                }
            }
            return null;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    boolean sameAs(KeystoreIdentity other) {
        return other != null && Arrays.equals(key, other.key) && Arrays.equals(chain, other.chain);
    }
}
