package org.imsajames.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.imsajames.testkit.JamesExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tls.incoming.engine: native} (the default) with no native provider in extensions-jars/: James starts all the
 * same, says so in one WARN line, and serves the same TLS policy on the JDK's crypto.
 */
class TlsPolicyWithoutNativeLibraryInJamesTest extends TlsPolicyInJamesTest {
    @RegisterExtension
    static final JamesExtension JAMES = jamesWithEngine("native", false);

    @Override
    JamesExtension james() {
        return JAMES;
    }

    @Test
    @Override
    void jamesLogsTheEngineItRunsOn() throws IOException {
        assertThat(JAMES.log().lines().filter(line -> line.contains("Incoming TLS"))).singleElement().asString()
            .contains("WARN")
            .contains("Incoming TLS on the JDK's crypto: the native provider Amazon Corretto Crypto Provider, AWS-LC "
                + "did not load (its jar is not in extensions-jars/");
    }
}
