package org.imsajames.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

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
}
