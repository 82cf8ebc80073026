package org.imsajames.policy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** List-file errors end up in James's log: what they echo from the file, or its name, is escaped. */
class ListFileMessagesTest {
    @TempDir
    Path folder;

    @Test
    void aNulByteInALineIsEchoedEscaped() throws Exception {
        Path file = Files.writeString(folder.resolve("list.txt"), "10.0.0.1\n10.0.0.2\u0000\u001b[2J\n");

        assertThatThrownBy(() -> ListFile.read(file))
            .isInstanceOf(ListFileException.class)
            .hasMessageStartingWith("list.txt:2: '10.0.0.2\\x00\\x1b[2J' ")
            .hasMessageNotContaining("\u0000").hasMessageNotContaining("\u001b");
    }

    @Test
    void aFileNameWithControlCharactersIsEscaped() throws Exception {
        Path file = Files.writeString(folder.resolve("list\r\u001b.txt"), "not-an-address\n");

        assertThatThrownBy(() -> ListFile.read(file))
            .hasMessageStartingWith("list\\r\\x1b.txt:1: 'not-an-address' ")
            .hasMessageNotContaining("\r");
    }
}
