package org.imsajames.tlsengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;

import org.junit.jupiter.api.Test;

class NativeProviderTest {

    @Test
    void accpLoadsFromItsJarHereAndPassesItsSelfTests() {
        NativeProvider.Loaded loaded = NativeProvider.ACCP.load(NativeProviderTest.class.getClassLoader());

        assertThat(loaded.failure).isNull();
        assertThat(loaded.provider.getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        // What the JDK's TLS engine asks the JCA for in a TLS 1.3 / 1.2 handshake.
        assertThat(loaded.provider.getService("Signature", "RSASSA-PSS")).isNotNull();
        assertThat(loaded.provider.getService("Signature", "SHA256withECDSA")).isNotNull();
        assertThat(loaded.provider.getService("KeyAgreement", "ECDH")).isNotNull();
        assertThat(loaded.provider.getService("Cipher", "AES/GCM/NoPadding")).isNotNull();
    }

    @Test
    void withoutItsJarTheFailureSaysSoAndNothingIsRegistered() {
        ClassLoader withoutAccp = ClassLoader.getPlatformClassLoader();
        int providers = Security.getProviders().length;

        NativeProvider.Loaded loaded = NativeProvider.ACCP.load(withoutAccp);

        assertThat(loaded.provider).isNull();
        assertThat(loaded.failure).startsWith("its jar is not in extensions-jars/");
        assertThat(Security.getProviders()).hasSize(providers);
    }

    @Test
    void conscryptIsAbsentHereAndSaysSo() {
        NativeProvider.Loaded loaded = NativeProvider.CONSCRYPT.load(NativeProviderTest.class.getClassLoader());

        assertThat(loaded.provider).isNull();
        assertThat(loaded.failure).contains("org.conscrypt.Conscrypt");
    }

    @Test
    void jdkAndUnknownEnginesRegisterNothing() {
        // The handler tests in this JVM may have applied the default (native) already.
        Security.removeProvider("AmazonCorrettoCryptoProvider");
        int providers = Security.getProviders().length;

        IncomingTlsEngine.apply("jdk", "accp");
        IncomingTlsEngine.apply("openssl", "accp");
        IncomingTlsEngine.apply("native", "wolfssl");

        assertThat(Security.getProviders()).hasSize(providers);
        assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
    }

    @Test
    void nativeRegistersAccpFirst() {
        try {
            IncomingTlsEngine.apply("native", "accp");

            assertThat(Security.getProviders()[0].getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        } finally {
            Security.removeProvider("AmazonCorrettoCryptoProvider");
        }
    }
}
