package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS only from its watched state file: never fails open. Polls are driven by the test (no timing). */
class TlsOnlySwitchTest {
    @TempDir
    Path folder;

    private Path write(String name, String content) throws IOException {
        Path temporary = folder.resolve(name + ".tmp");
        Files.writeString(temporary, content);
        return Files.move(temporary, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void followsTheFileOnAndOff() throws Exception {
        Path file = write("tls-only.properties", "# comment\ntlsOnly=false\n");
        try (TlsOnlySwitch tlsOnly = TlsOnlySwitch.open(file, 0)) {
            assertThat(tlsOnly.enforced()).isFalse();
            write("tls-only.properties", "tlsOnly=true\n");
            tlsOnly.check();
            assertThat(tlsOnly.enforced()).isTrue();
            write("tls-only.properties", "tlsOnly=false\n");
            tlsOnly.check();
            assertThat(tlsOnly.enforced()).isFalse();
        }
    }

    @Test
    void anUnusableFileLaterKeepsTheLastGoodValue() throws Exception {
        Path file = write("tls-only.properties", "tlsOnly=true\n");
        try (TlsOnlySwitch tlsOnly = TlsOnlySwitch.open(file, 0)) {
            for (String bad : new String[] {"tlsOnly=yes\n", "", "tlsOnly=false\ntlsOnly=true\n", "x".repeat(5000)}) {
                write("tls-only.properties", bad);
                tlsOnly.check();
                assertThat(tlsOnly.enforced()).as(bad).isTrue();
            }
            Files.delete(file);
            tlsOnly.check();
            assertThat(tlsOnly.enforced()).isTrue();
            Files.createDirectory(file);
            tlsOnly.check();
            assertThat(tlsOnly.enforced()).isTrue();
        }
    }

    @Test
    void anUnusableFileAtStartIsRefused() throws Exception {
        assertThatThrownBy(() -> TlsOnlySwitch.open(folder.resolve("missing"), 0)).isInstanceOf(IOException.class)
            .hasMessageContaining("not a regular file");
        Path bad = write("bad.properties", "tlsOnly=maybe\n");
        assertThatThrownBy(() -> TlsOnlySwitch.open(bad, 0)).isInstanceOf(IOException.class)
            .hasMessageContaining("'tlsOnly=maybe' is not tlsOnly=true or tlsOnly=false");
    }
}
