package org.imsajames.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.imsajames.testkit.JamesExtension;
import org.imsajames.testkit.JamesServerProcess;
import org.imsajames.testkit.SmtpServerXml;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What can sit at the list path of a running James, or happen to the file there: a symlink to /dev/zero, a FIFO, a
 * directory, a same-length {@code cp -p} with an old mtime, a slow writer truncating and refilling in place. The
 * policy in force never fails open, the watcher never hangs, and the next valid change is applied.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileListInJamesTest {
    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(2);

    @RegisterExtension
    static final JamesExtension JAMES = JamesExtension.withConf((home, port) -> {
        SmtpServerXml.writeInto(home, SmtpServerXml.of(port, SmtpServerXml.noTls(),
            "<handler class=\"org.imsajames.smtp.ConnectionControlHandler\">"
                + "<policy>accept-all-except</policy>"
                + "<listFile>file://conf/imsa.list</listFile>"
                + "<watchIntervalMillis>100</watchIntervalMillis>"
                + "</handler>"));
        Files.writeString(home.resolve("conf/imsa.list"), "127.0.9.1\n");
    });

    final JamesServerProcess james = JAMES.process();
    final int port = JAMES.port();
    final Path list = JAMES.conf().resolve("imsa.list");

    @Test
    @Order(1)
    void aSymlinkToDevZeroKeepsThePolicyAndTheNextValidChangeIsApplied() throws Exception {
        assertHostileKeepsPolicy("127.0.9.1", "127.0.9.2", "a character device",
            () -> Files.createSymbolicLink(list, Path.of("/dev/zero")));
    }

    @Test
    @Order(2)
    void aFifoKeepsThePolicyAndTheNextValidChangeIsApplied() throws Exception {
        assertHostileKeepsPolicy("127.0.9.2", "127.0.9.3", "a FIFO", () -> run("mkfifo", list.toString()));
    }

    @Test
    @Order(3)
    void aDirectoryKeepsThePolicyAndTheNextValidChangeIsApplied() throws Exception {
        assertHostileKeepsPolicy("127.0.9.3", "127.0.9.4", "a directory", () -> Files.createDirectory(list));
    }

    @Test
    @Order(4)
    void aSameLengthCopyWithAnOldMtimeIsAppliedWithinTwoSeconds() throws Exception {
        assertThat(ListProbe.decisionFor("127.0.9.4", port)).isEqualTo("554");
        Path copy = list.resolveSibling("copy.list");
        FileTime inForce = Files.getLastModifiedTime(list);
        Object inode = Files.readAttributes(list, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Files.writeString(copy, "127.0.9.5\n"); // same length as what is in force
        Files.setLastModifiedTime(copy, inForce); // and the same (old) mtime: only the ctime tells
        assertThat(Files.size(copy)).isEqualTo(Files.size(list));

        Instant copied = Instant.now();
        run("cp", "-p", copy.toString(), list.toString()); // in place: same inode, same size, the old mtime

        awaitDecision("127.0.9.5", "554", copied);
        assertThat(Files.getLastModifiedTime(list)).as("the premise: the mtime is the old one").isEqualTo(inForce);
        assertThat(Files.readAttributes(list, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
            .as("the premise: the same inode").isEqualTo(inode);
        assertThat(ListProbe.decisionFor("127.0.9.4", port)).isEqualTo("220");
    }

    @Test
    @Order(5)
    void aSlowInPlaceWriterNeverPutsAnIncompleteListInForce() throws Exception {
        replaceList("127.0.0.2\n");
        awaitDecision("127.0.0.2", "554", Instant.now());
        int logStart = james.log().length();

        try (ListProbe listed = ListProbe.start("127.0.0.2", port)) {
            Thread.sleep(300);
            // Truncate, pause longer than the settle interval, append: the empty file is seen settled for a while.
            run("sh", "-c", ": > '" + list + "'; sleep 1.2; printf '127.0.0.2\\n' >> '" + list + "'");
            Thread.sleep(1_500);
            listed.close();

            assertThat(listed.probes()).isGreaterThan(20);
            assertThat(listed.otherThan("554")).as("127.0.0.2 is on the deny list in every complete version").isEmpty();
        }
        String log = james.log().substring(logStart);
        assertThat(log).contains("list imsa.list: keeping the previous policy: imsa.list: holds 0 entries where the "
            + "policy in force has 1");
        assertThat(log).doesNotContain("list imsa.list: now accept-all-except with 0 blocks");
    }

    private void assertHostileKeepsPolicy(String inForce, String next, String kind, HostileStep hostile)
            throws Exception {
        assertThat(ListProbe.decisionFor(inForce, port)).isEqualTo("554");
        int logStart = james.log().length();

        Files.delete(list);
        hostile.put();
        awaitLog(logStart, "list imsa.list: keeping the previous policy: imsa.list: not a regular file (" + kind + ")");
        assertThat(ListProbe.decisionFor(inForce, port)).as("the previous policy stays").isEqualTo("554");
        assertThat(ListProbe.decisionFor(next, port)).isEqualTo("220");

        if (Files.isDirectory(list, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(list);
        }
        Instant written = Instant.now();
        replaceList(next + "\n");
        awaitDecision(next, "554", written);
        assertThat(ListProbe.decisionFor(inForce, port)).isEqualTo("220");
    }

    private interface HostileStep {
        void put() throws Exception;
    }

    /** Replaces the list atomically, as operators are told to (write a temporary file, then rename). */
    private void replaceList(String content) throws IOException {
        Path next = list.resolveSibling("imsa.list.tmp");
        Files.writeString(next, content);
        Files.move(next, list, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitDecision(String source, String expected, Instant changed) throws Exception {
        while (!ListProbe.decisionFor(source, port).equals(expected)) {
            assertThat(Duration.between(changed, Instant.now())).as("%s gets %s within 2 s", source, expected)
                .isLessThan(RELOAD_DEADLINE);
            Thread.sleep(50);
        }
    }

    private void awaitLog(int from, String expected) throws Exception {
        Instant deadline = Instant.now().plus(RELOAD_DEADLINE.multipliedBy(2));
        while (!james.log().substring(from).contains(expected)) {
            assertThat(Instant.now()).as("log line '%s' within the deadline", expected).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
    }
}
