package org.imsajames.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;

/**
 * {@link TlsPolicyInJamesTest}'s checks with {@code tls.incoming.engine: native} and Amazon Corretto Crypto
 * Provider beside the drop-in jar, as the distribution installs it: the same protocols and suites are accepted and
 * refused, the handshakes' signatures, key agreements and ciphers now come from the native provider.
 */
class TlsPolicyOnNativeEngineInJamesTest extends TlsPolicyInJamesTest {

    @Override
    String engine() {
        return "native";
    }

    @Override
    void prepareExtensions(Path extensionsJars) throws IOException {
        Path accp = Paths.get(System.getProperty("imsa.accp.jar"));
        Files.copy(accp, extensionsJars.resolve(accp.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Override
    void jamesLogsTheEngineItRunsOn() throws IOException {
        assertThat(james.log()).contains("Incoming TLS with native crypto: AmazonCorrettoCryptoProvider")
            .doesNotContain("Incoming TLS on the JDK's crypto");
    }
}
