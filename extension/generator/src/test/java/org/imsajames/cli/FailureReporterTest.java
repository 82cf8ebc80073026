package org.imsajames.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.imsajames.generator.ConfFolderBusyException;
import org.imsajames.generator.ConfFolderException;
import org.imsajames.settings.SettingsException;
import org.junit.jupiter.api.Test;

class FailureReporterTest {
    private final StringWriter err = new StringWriter();

    @Test
    void aHeldLockIsExit1WithItsMessage() {
        int exit = FailureReporter.exitCode(new PrintWriter(err), () -> {
            throw new ConfFolderBusyException("conf/imsa/.lock: another imsa-james generate holds this lock");
        });

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: conf/imsa/.lock: another imsa-james generate holds this lock\n");
    }

    @Test
    void aSingleFileMountIsBadInput() {
        assertThat(FailureReporter.exitCode(new PrintWriter(err), () -> {
            throw new ConfFolderException("conf/smtpserver.xml is a mount point of its own");
        })).isEqualTo(2);
    }

    @Test
    void outOfMemoryIsOneLineAndExit2NeverAStackTrace() {
        int exit = FailureReporter.exitCode(new PrintWriter(err), () -> {
            throw new OutOfMemoryError("Java heap space");
        });

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: out of memory (Java heap ").endsWith("nothing was changed\n")
                .doesNotContain("\tat ");
    }

    @Test
    void controlCharactersInAMessageAreEscaped() {
        FailureReporter.exitCode(new PrintWriter(err), () -> {
            throw new SettingsException("list\u001b[2J.txt", "bad\rline\0");
        });

        assertThat(err.toString()).isEqualTo("error: list\\u001b[2J.txt: bad\\rline\\0\n");
    }
}
