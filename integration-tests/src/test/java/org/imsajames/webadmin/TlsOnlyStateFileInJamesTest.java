package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.imsajames.testkit.JamesServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Never fail open: a real James 3.8.1 does not start on an unusable TLS-only state file. */
class TlsOnlyStateFileInJamesTest {
    @Test
    void jamesRefusesToStartOnAnInvalidTlsOnlyFile(@TempDir Path work) throws Exception {
        ConnectionsJames setup = ConnectionsJames.generate(work);
        Path file = setup.home.resolve("conf/imsa/current/tls-only.properties");
        assertThat(Files.readString(file)).contains("tlsOnly=false");
        Files.writeString(file, "tlsOnly=perhaps\n");

        String log = JamesServerProcess.startExpectingFailure(setup.home);

        assertThat(log).contains("TlsOnlyHandler: <stateFile> file://conf/imsa/current/tls-only.properties")
            .contains("'tlsOnly=perhaps' is not tlsOnly=true or tlsOnly=false");
    }
}
