package org.imsajames.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListFileTest {
    @TempDir
    Path folder;

    @Test
    void readsEntriesSkippingCommentsAndBlankLines() throws Exception {
        Path file = write("connection-control.txt",
                "# IMSA connection control list\n"
                        + "192.168.1.1\n"
                        + "\n"
                        + "   \n"
                        + "192.168.2.0:255.255.255.0   # office\n"
                        + "  # indented comment\n"
                        + "2001:db8::/32#no space before the comment\n");

        List<ListEntry> entries = ListFile.read(file);

        assertThat(entries).extracting(ListEntry::canonical)
                .containsExactly("192.168.1.1/32", "192.168.2.0/24", "2001:db8::/32");
        assertThat(entries).extracting(ListEntry::origin)
                .containsExactly("connection-control.txt:2", "connection-control.txt:5", "connection-control.txt:7");
        assertThat(entries).extracting(ListEntry::source)
                .containsExactly("192.168.1.1", "192.168.2.0:255.255.255.0", "2001:db8::/32");
    }

    @Test
    void readsWindowsLineEndingsAndAByteOrderMark() throws Exception {
        Path file = write("windows.txt", "\uFEFF192.168.1.1\r\n# comment\r\n10.0.0.0/8\r\n");

        List<ListEntry> entries = ListFile.read(file);

        assertThat(entries).extracting(ListEntry::canonical).containsExactly("192.168.1.1/32", "10.0.0.0/8");
        assertThat(entries).extracting(ListEntry::origin).containsExactly("windows.txt:1", "windows.txt:3");
    }

    @Test
    void readsAnEmptyFileAsAnEmptyList() throws Exception {
        assertThat(ListFile.read(write("empty.txt", ""))).isEmpty();
        assertThat(ListFile.read(write("only-comments.txt", "# nothing yet\n\n"))).isEmpty();
    }

    @Test
    void refusesTheFileNamingTheLineAndTheEntry() throws Exception {
        Path file = write("connection-control.txt",
                "192.168.1.1\n# comment\n\n\n\n\n10.0.0.0:255.0.255.0   # typo\n192.168.4.100\n");

        assertThatThrownBy(() -> ListFile.read(file))
                .isInstanceOf(ListFileException.class)
                .hasMessage("connection-control.txt:7: '10.0.0.0:255.0.255.0' is not a contiguous netmask")
                .satisfies(e -> {
                    assertThat(((ListFileException) e).sourceName()).isEqualTo("connection-control.txt");
                    assertThat(((ListFileException) e).lineNumber()).isEqualTo(7);
                });
    }

    @Test
    void reportsTheFirstBadLineAndHowManyMoreThereAre() throws Exception {
        Path file = write("list.txt", "192.168.1.1\nmail.example.com\n10.0.0.0/33\n300.1.1.1\n");

        assertThatThrownBy(() -> ListFile.read(file))
                .isInstanceOf(ListFileException.class)
                .hasMessage("list.txt:2: 'mail.example.com' is a host name; only IP addresses and networks are accepted"
                        + " (and 2 more invalid lines)");
    }

    @Test
    void refusesAMissingFile() {
        assertThatThrownBy(() -> ListFile.read(folder.resolve("missing.txt")))
                .isInstanceOf(ListFileException.class)
                .hasMessage("missing.txt: cannot read: no such file")
                .satisfies(e -> assertThat(((ListFileException) e).lineNumber()).isZero());
    }

    @Test
    void refusesAFolder() throws Exception {
        Path subfolder = Files.createDirectory(folder.resolve("lists"));

        assertThatThrownBy(() -> ListFile.read(subfolder))
                .isInstanceOf(ListFileException.class)
                .hasMessageStartingWith("lists: cannot read: ");
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws Exception {
        Path file = folder.resolve("latin1.txt");
        Files.write(file, "192.168.1.1 # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ListFile.read(file))
                .isInstanceOf(ListFileException.class)
                .hasMessage("latin1.txt: cannot read: not UTF-8 text");
    }

    @Test
    void parsesLinesGivenByTheCaller() throws Exception {
        List<String> lines = Arrays.asList("10.0.0.0/8\r", "", "bad entry");

        assertThatThrownBy(() -> ListFile.parse("settings.yaml", lines))
                .isInstanceOf(ListFileException.class)
                .hasMessage("settings.yaml:3: 'bad entry' is not an IP address or network");
        assertThat(ListFile.parse("settings.yaml", lines.subList(0, 2)))
                .extracting(ListEntry::canonical).containsExactly("10.0.0.0/8");
    }

    private Path write(String name, String content) throws Exception {
        Path file = folder.resolve(name);
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
