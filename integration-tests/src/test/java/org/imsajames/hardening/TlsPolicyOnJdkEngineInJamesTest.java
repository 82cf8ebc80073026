package org.imsajames.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

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
}
