package org.imsajames.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KeystoreSecretTest {

    @Test
    void isPrintableBase64UrlOfAtLeast128Bits() {
        char[] secret = KeystoreSecret.generate();

        // 6 bits a base64 character: 22 characters carry 132 bits.
        assertThat(secret.length).isGreaterThanOrEqualTo(22);
        assertThat(new String(secret)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void isNeverTheSameTwice() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            secrets.add(new String(KeystoreSecret.generate()));
        }

        assertThat(secrets).hasSize(100);
    }
}
