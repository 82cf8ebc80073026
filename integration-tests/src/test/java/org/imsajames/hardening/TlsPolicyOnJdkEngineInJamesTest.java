package org.imsajames.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;

import org.imsajames.testkit.JamesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TlsPolicyInJamesTest}'s checks with {@code tls.incoming.engine: jdk}: the JDK's own crypto. */
class TlsPolicyOnJdkEngineInJamesTest extends TlsPolicyInJamesTest {
    @RegisterExtension
    static final JamesExtension JAMES = jamesWithEngine("jdk", false);

    @Override
    JamesExtension james() {
        return JAMES;
    }

    @Test
    @Override
    void jamesLogsTheEngineItRunsOn() throws IOException {
        assertThat(JAMES.log()).contains("Incoming TLS on the JDK's crypto (imsajames.tls.incoming.engine=jdk)");
    }

    /** The generated extensions.properties names our module whatever the engine; with jdk it registers nothing. */
    @Test
    void ourModuleFromExtensionsPropertiesRunsAndRegistersNothing() throws IOException {
        assertThat(Files.readString(JAMES.conf().resolve("extensions.properties")))
            .contains("guice.extension.module=org.imsajames.tlsengine.NativeTlsModule");
        String log = JAMES.log();
        assertThat(log).contains("Enabling injects contained in org.imsajames.tlsengine.NativeTlsModule");
        assertThat(log.indexOf("Incoming TLS on the JDK's crypto")).as("logged by the module, before the servers")
            .isLessThan(log.indexOf("SMTP Service bound to")).isNotNegative();
        assertThat(log).doesNotContain("AmazonCorrettoCryptoProvider");
    }
}
