package org.imsajames.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CipherSuitesTest {
    @Test
    void theDefaultIsSupportedByThisJava() {
        assertThat(CipherSuites.supportedByThisJvm()).containsAll(CipherSuites.DEFAULT);
    }

    /** TLS 1.3 suites are all ephemeral and AEAD; for TLS 1.2 that takes ECDHE and GCM. */
    @Test
    void theDefaultHasForwardSecrecyAndAeadOnly() {
        for (String suite : CipherSuites.DEFAULT) {
            assertThat(suite).matches("TLS_AES_(128|256)_GCM_SHA(256|384)|TLS_ECDHE_(RSA|ECDSA)_WITH_AES_(128|256)_GCM_SHA(256|384)");
        }
    }

    @Test
    void theDefaultServesBothProtocolsAndBothKeyTypes() {
        assertThat(CipherSuites.DEFAULT).anyMatch(suite -> CipherSuites.isFor(suite, "TLSv1.3"))
                .anyMatch(suite -> CipherSuites.isFor(suite, "TLSv1.2"))
                .anyMatch(suite -> suite.contains("_ECDHE_RSA_"))
                .anyMatch(suite -> suite.contains("_ECDHE_ECDSA_"));
    }

    /** Absent from Java 11's JSSE: one unknown name makes James's engine refuse the whole list. */
    @Test
    void theDefaultHasNoChaCha20() {
        assertThat(CipherSuites.DEFAULT).noneMatch(suite -> suite.contains("CHACHA20"));
    }

    @Test
    void tellsTls13SuitesFromTls12Ones() {
        assertThat(CipherSuites.isFor("TLS_AES_128_GCM_SHA256", "TLSv1.3")).isTrue();
        assertThat(CipherSuites.isFor("TLS_AES_128_GCM_SHA256", "TLSv1.2")).isFalse();
        assertThat(CipherSuites.isFor("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLSv1.2")).isTrue();
        assertThat(CipherSuites.isFor("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLSv1.3")).isFalse();
        assertThat(CipherSuites.isFor("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLSv1.3")).isFalse();
        assertThat(CipherSuites.isFor("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLSv1.2")).isFalse();
    }
}
