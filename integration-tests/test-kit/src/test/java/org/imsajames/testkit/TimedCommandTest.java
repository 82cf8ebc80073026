package org.imsajames.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimedCommandTest {

    @Test
    void outputLargerThanAPipeHoldsComesBackWhole() throws Exception {
        // 1 MiB: a command whose output went to an unread pipe would block at 64 KiB and never exit.
        TimedCommand.Result result = TimedCommand.run(List.of("sh", "-c", "head -c 1048576 /dev/zero | tr '\\0' x"),
            Map.of(), Duration.ofMinutes(1));

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).hasSize(1 << 20).containsOnlyOnce("x".repeat(1 << 20));
    }

    @Test
    void environmentAndExitCodeAreThoseOfTheCommand() throws Exception {
        TimedCommand.Result result = TimedCommand.run(List.of("sh", "-c", "echo \"$GREETING\"; exit 3"),
            Map.of("GREETING", "hello"), Duration.ofMinutes(1));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).isEqualTo("hello\n");
    }

    @Test
    void aCommandPastItsLimitIsKilledWithWhatItStartedAndReportsItsOutput(@TempDir Path dir) throws Exception {
        Path childPid = dir.resolve("child.pid");
        List<String> command = List.of("sh", "-c",
            // printf pieces: the message quotes the command, so the words looked for must not be in it.
            "printf 'sta%s\\n' rted; sleep 600 & echo $! > " + childPid + "; wait; printf 'end%s\\n' ed");

        assertThatThrownBy(() -> TimedCommand.run(command, Map.of(), Duration.ofSeconds(1)))
            .isInstanceOf(TimedCommand.TimedOut.class)
            .hasMessageContaining("did not finish within 1 s and was killed")
            .hasMessageContaining("started")
            .hasMessageNotContaining("ended");

        long pid = Long.parseLong(Files.readString(childPid).trim());
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        child.ifPresent(handle -> handle.onExit().join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("the sleep the shell started").isNotEqualTo(
            Optional.of(true));
    }
}
