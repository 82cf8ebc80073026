package org.imsajames.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
    private static final ReadLimits SMALL = new ReadLimits(1_000, 40);

    @TempDir
    Path folder;
    final List<ListEntry> entries = new ArrayList<>();

    @Test
    void readsTheDirectivesAndTheEntriesAsTheGeneratorWritesThem() throws Exception {
        String content = "# Written by imsa-james from my-imsa.yaml; edit the settings and generate again.\n"
            + "#! policy deny-all-except\n"
            + "#!\tentries   3\n"
            + "10.0.0.0/8\n"
            + "# a comment between entries\n"
            + "192.168.2.0/24   # trailing comment\n"
            + "2001:db8::/32\n";

        PolicyFile file = read("connection-control.list", content);

        assertThat(file.mode()).contains(PolicyMode.DENY_ALL_EXCEPT);
        assertThat(file.modeLine()).isEqualTo(2);
        assertThat(file.declaredEntries()).hasValue(3);
        assertThat(file.entries()).isEqualTo(3);
        assertThat(entries).extracting(ListEntry::canonical)
            .containsExactly("10.0.0.0/8", "192.168.2.0/24", "2001:db8::/32");
        assertThat(entries).extracting(ListEntry::origin)
            .containsExactly("connection-control.list:4", "connection-control.list:6", "connection-control.list:7");
        assertThat(file.sha256()).isEqualTo(sha256(content));
    }

    @Test
    void withoutDirectivesItIsAPlainList() throws Exception {
        PolicyFile file = read("plain.list", "\uFEFF10.0.0.1\r\n\r\n10.0.0.2\r10.0.0.3");

        assertThat(file.mode()).isEmpty();
        assertThat(file.declaredEntries()).isEmpty();
        assertThat(file.entries()).isEqualTo(3);
        assertThat(entries).extracting(ListEntry::origin).containsExactly("plain.list:1", "plain.list:3", "plain.list:4");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstDirectiveIsAllowed() throws Exception {
        assertThat(read("bom.list", "\uFEFF#! policy accept-all-except\n").mode()).contains(PolicyMode.ACCEPT_ALL_EXCEPT);
    }

    @Test
    void anEntryCountThatDoesNotMatchMeansTheFileIsIncomplete() {
        assertThatThrownBy(() -> read("l.list", "#! policy deny-all-except\n#! entries 3\n10.0.0.1\n10.0.0.2\n"))
            .isInstanceOf(ListFileException.class)
            .hasMessage("l.list: holds 2 entries but its '#! entries' says 3: incomplete or edited by hand; not applied");
        assertThatThrownBy(() -> read("l.list", "#! entries 0\n10.0.0.1\n"))
            .hasMessageStartingWith("l.list: holds 1 entry but its '#! entries' says 0");
    }

    @Test
    void anEmptyListCanBeConfirmedWithEntriesZero() throws Exception {
        PolicyFile file = read("empty.list", "#! policy accept-all-except\n#! entries 0\n");

        assertThat(file.entries()).isZero();
        assertThat(file.declaredEntries()).hasValue(0);
    }

    @Test
    void badDirectivesAreErrorsNamingFileAndLine() {
        assertRefused("#! policy allow-some\n", "l.list:1: unknown policy 'allow-some': expected accept-all-except or deny-all-except");
        assertRefused("# x\n#! checksum abc\n", "l.list:2: unknown directive 'checksum': known are 'policy' and 'entries'");
        assertRefused("#! policy deny-all-except\n#! policy deny-all-except\n",
            "l.list:2: '#! policy' repeated (first on line 1)");
        assertRefused("#! entries 1\n#! entries 1\n", "l.list:2: '#! entries' repeated (first on line 1)");
        assertRefused("#! entries many\n", "l.list:1: '#! entries' needs a count of entry lines, not 'many'");
        assertRefused("#! entries -1\n", "l.list:1: '#! entries' needs a count of entry lines, not '-1'");
        assertRefused("#!policy deny-all-except\n",
            "l.list:1: malformed directive '#!policy deny-all-except': expected '#! policy MODE' or '#! entries COUNT'");
        assertRefused("#! policy\n",
            "l.list:1: malformed directive '#! policy': expected '#! policy MODE' or '#! entries COUNT'");
        assertRefused("#! policy deny-all-except extra\n",
            "l.list:1: malformed directive '#! policy deny-all-except extra': expected '#! policy MODE' or '#! entries COUNT'");
        assertRefused("10.0.0.1\n#! policy deny-all-except\n",
            "l.list:2: directive after the first entry: directives belong at the top of the file");
    }

    @Test
    void aBadDirectiveWinsOverBadEntriesAfterIt() {
        assertRefused("#! policy nope\n10.0.0.0:255.0.255.0\n", "l.list:1: unknown policy 'nope': expected accept-all-except or deny-all-except");
    }

    @Test
    void badEntriesAreReportedAsInImportFiles() {
        assertRefused("#! policy deny-all-except\n10.0.0.1\n10.0.0.0:255.0.255.0\n300.1.1.1\n",
            "l.list:3: '10.0.0.0:255.0.255.0' is not a contiguous netmask (and 1 more invalid line)");
    }

    @Test
    void controlCharactersNeverReachTheMessage() {
        assertThatThrownBy(() -> read("l.list", "10.0.0.1\u0000\u001b[31m\n"))
            .hasMessageNotContaining("\u0000").hasMessageNotContaining("\u001b").hasMessageContaining("\\x00");
        assertThatThrownBy(() -> read("l.list", "#! policy \u001b[2J\n"))
            .hasMessageNotContaining("\u001b").hasMessageContaining("\\x1b");
    }

    @Test
    void importFilesKeepHashBangLinesAsComments() throws Exception {
        Path file = write("import.txt", "#! policy deny-all-except\n#! anything at all\n10.0.0.1\n#! after\n");

        assertThat(ListFile.read(file)).extracting(ListEntry::canonical).containsExactly("10.0.0.1/32");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        Path file = write("big.list", "10.0.0.1\n".repeat(200));

        assertThatThrownBy(() -> PolicyFile.read(file, SMALL, entries::add))
            .hasMessage("big.list: is 1800 bytes, larger than the limit of 1000 bytes (<maxFileBytes>); not read");
    }

    @Test
    void theSizeLimitHoldsWhileStreamingSoAnEndlessOrGrowingFileStops() {
        EndlessStream endless = new EndlessStream("10.0.0.1\n");

        assertThatThrownBy(() -> PolicyFile.read("grows.list", endless, SMALL, entries::add))
            .hasMessage("grows.list: larger than the limit of 1000 bytes (<maxFileBytes>); not read further");
        assertThat(endless.served).as("read no more than the limit and one byte of look-ahead").isLessThanOrEqualTo(1001);
    }

    @Test
    void aLineOverTheLengthLimitIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> PolicyFile.read("long.list", bytes("10.0.0.1\n" + "1".repeat(41) + "\n"), SMALL, entries::add))
            .hasMessage("long.list:2: line longer than the limit of 40 characters (<maxLineLength>); not read further");
        assertThat(catchMessage(() -> PolicyFile.read("ok.list", bytes("1".repeat(40)), SMALL, entries::add)))
            .as("40 characters are allowed").doesNotContain("longer");
    }

    @Test
    void anEndlessLineStopsAtTheLineLimitNotAtTheFileLimit() {
        EndlessStream endless = new EndlessStream("1");

        assertThatThrownBy(() -> PolicyFile.read("one.list", endless, new ReadLimits(1L << 40, 40), entries::add))
            .hasMessage("one.list:1: line longer than the limit of 40 characters (<maxLineLength>); not read further");
        assertThat(endless.served).isLessThan(100_000);
    }

    @Test
    void notUtf8IsRefused() {
        assertThatThrownBy(() -> PolicyFile.read("latin1.list",
                new java.io.ByteArrayInputStream("10.0.0.1 # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)),
                ReadLimits.DEFAULT, entries::add))
            .hasMessage("latin1.list: cannot read: not UTF-8 text");
    }

    @Test
    void aDirectoryIsRefusedAsNotARegularFile() throws Exception {
        Path directory = Files.createDirectory(folder.resolve("lists"));

        assertThatThrownBy(() -> PolicyFile.read(directory, ReadLimits.DEFAULT, entries::add))
            .hasMessage("lists: not a regular file (a directory); only a regular file is read");
    }

    @Test
    void aSymlinkToADeviceIsRefusedWithoutReadingIt() throws Exception {
        Path link = Files.createSymbolicLink(folder.resolve("zero.list"), Path.of("/dev/zero"));

        assertThatThrownBy(() -> PolicyFile.read(link, ReadLimits.DEFAULT, entries::add))
            .hasMessage("zero.list: not a regular file (a character device); only a regular file is read");
    }

    @Test
    void aSymlinkToProcSelfEnvironIsRefusedWithoutEchoingTheEnvironment() throws Exception {
        // A "regular file" of size 0 there: without the check its first line came back as an invalid entry.
        Path link = Files.createSymbolicLink(folder.resolve("environ.list"), Path.of("/proc/self/environ"));

        String message = catchMessage(() -> PolicyFile.read(link, ReadLimits.DEFAULT, entries::add));
        assertThat(message).startsWith("environ.list: leads to /proc/").contains("/environ, under /proc (kernel or "
            + "device files): not read");
        assertThat(message).doesNotContain(System.getenv().keySet().stream().filter(k -> k.equals("PATH"))
            .findFirst().orElse("PATH") + "=");
    }

    @Test
    void aListFileErrorFromTheOperatingSystemIsEscaped() {
        String reason = ListFile.reason(new java.io.IOException("bad\u001b[31m\nname"));

        assertThat(reason).isEqualTo("bad\\x1b[31m\\nname");
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = folder.resolve("fifo.list");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();

        // Opening it would block this test forever: a refusal is the proof it was not opened.
        assertThatThrownBy(() -> PolicyFile.read(fifo, ReadLimits.DEFAULT, entries::add))
            .hasMessage("fifo.list: not a regular file (a FIFO); only a regular file is read");
    }

    @Test
    void aSymlinkToARegularFileIsFollowed() throws Exception {
        Path target = write("target.list", "#! policy deny-all-except\n10.0.0.1\n");
        Path link = Files.createSymbolicLink(folder.resolve("link.list"), target);

        assertThat(PolicyFile.read(link, ReadLimits.DEFAULT, entries::add).entries()).isEqualTo(1);
    }

    @Test
    void aMissingFileIsRefused() {
        assertThatThrownBy(() -> PolicyFile.read(folder.resolve("gone.list"), ReadLimits.DEFAULT, entries::add))
            .hasMessage("gone.list: cannot read: no such file");
    }

    private void assertRefused(String content, String message) {
        assertThatThrownBy(() -> read("l.list", content)).isInstanceOf(ListFileException.class).hasMessage(message);
    }

    private PolicyFile read(String name, String content) throws Exception {
        entries.clear();
        return PolicyFile.read(write(name, content), ReadLimits.DEFAULT, entries::add);
    }

    private Path write(String name, String content) throws Exception {
        Path file = folder.resolve(name);
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static InputStream bytes(String content) {
        return new java.io.ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static String catchMessage(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        return thrown == null ? "" : thrown.getMessage();
    }

    private static String sha256(String content) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    /** A stream that never ends, like /dev/zero or a file appended to faster than it is read. */
    private static final class EndlessStream extends InputStream {
        private final byte[] pattern;
        long served;

        EndlessStream(String pattern) {
            this.pattern = pattern.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public int read() {
            return pattern[(int) (served++ % pattern.length)];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = (byte) read();
            }
            return length;
        }
    }
}
