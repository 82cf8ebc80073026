package org.imsajames.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

import org.imsajames.testkit.JamesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TlsPolicyInJamesTest}'s checks with {@code tls.incoming.engine: native} and Amazon Corretto Crypto
 * Provider beside the drop-in jar, as the distribution installs it: the same protocols and suites are accepted and
 * refused, the handshakes' signatures, key agreements and ciphers now come from the native provider.
 */
class TlsPolicyOnNativeEngineInJamesTest extends TlsPolicyInJamesTest {
    @RegisterExtension
    static final JamesExtension JAMES = jamesWithEngine("native", true);

    @Override
    JamesExtension james() {
        return JAMES;
    }

    @Test
    @Override
    void jamesLogsTheEngineItRunsOn() throws IOException {
        assertThat(JAMES.log()).contains("Incoming TLS with native crypto: AmazonCorrettoCryptoProvider")
            .doesNotContain("Incoming TLS on the JDK's crypto");
    }

    /**
     * James 3.8.1's SMTPServerFactory configures every server (each logs "SMTP Service bound to") and only then
     * initialises each one, which reads its keystore (buildSSLContext) before it loads the handler chain. So the
     * provider's line before the first "bound to" line means the keystore was read with ACCP registered: the key
     * is ACCP's own object. Registered by the handlers alone (no extensions.properties), the line comes after.
     */
    @Test
    void theGeneratedExtensionsPropertiesRegistersAccpBeforeTheSmtpServerReadsItsKeystore() throws IOException {
        assertThat(Files.readSymbolicLink(JAMES.conf().resolve("extensions.properties")))
            .hasToString("imsa/current/extensions.properties");
        List<String> log = JAMES.log().lines().collect(Collectors.toList());
        int registered = indexOf(log, "Incoming TLS with native crypto: AmazonCorrettoCryptoProvider");
        int moduleEnabled = indexOf(log, "Enabling injects contained in org.imsajames.tlsengine.NativeTlsModule");
        int firstServerConfigured = indexOf(log, "SMTP Service bound to");

        assertThat(registered).as("the provider's line").isNotNegative();
        assertThat(firstServerConfigured).as("the first SMTP server is configured (its keystore read later) after"
            + " the provider's line").isGreaterThan(registered);
        assertThat(moduleEnabled).as("James enabled our module from extensions.properties").isGreaterThan(registered);
        assertThat(log.get(registered)).contains("before James read its keystores (org.imsajames.tlsengine"
            + ".NativeTlsModule)");
    }

    private static int indexOf(List<String> log, String text) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
