package org.imsajames.tls;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/** The random secret that protects the generated keystore; nobody has to type it, so it is long. */
public final class KeystoreSecret {

    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeystoreSecret() {
    }

    /** 256 random bits as 43 base64url characters, safe in XML and on a command line. */
    public static char[] generate() {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(random);
        char[] secret = new char[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            secret[i] = (char) encoded[i];
        }
        Arrays.fill(random, (byte) 0);
        Arrays.fill(encoded, (byte) 0);
        return secret;
    }
}
