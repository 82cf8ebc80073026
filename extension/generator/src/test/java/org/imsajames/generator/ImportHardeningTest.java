package org.imsajames.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.imsajames.settings.SettingsException;
import org.imsajames.settings.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import files: only regular files, read as a stream, bounded, and never echoed raw. */
class ImportHardeningTest {
    @TempDir
    Path folder;

    @Test
    void refusesAFifoWithoutOpeningIt() throws Exception {
        ConfPublisherTest.run("mkfifo", folder.resolve("list.fifo").toString());

        assertThatThrownBy(() -> check("connectionControl: {importFiles: [list.fifo]}"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("connectionControl.importFiles 'list.fifo': not a regular file")
                .hasMessageContaining("is a FIFO");
    }

    @Test
    void refusesADeviceBehindASymlinkAndAFolder() throws Exception {
        Files.createSymbolicLink(folder.resolve("zero.txt"), Path.of("/dev/zero"));
        Files.createDirectories(folder.resolve("lists"));

        assertThatThrownBy(() -> check("connectionControl: {importFiles: [zero.txt]}"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("is a device");
        assertThatThrownBy(() -> check("connectionControl: {importFiles: [lists]}"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("is a folder");
    }

    @Test
    void refusesProcfsFilesSoTheEnvironmentIsNeverEchoed() throws Exception {
        assertThatThrownBy(() -> check("connectionControl: {importFiles: [/proc/self/environ]}"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("is on /proc, /sys or /dev")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("PATH="));
    }

    @Test
    void aBinaryLineIsEscapedAndCutInTheError() throws Exception {
        Files.write(folder.resolve("bin.txt"), ("10.0.0.1\nred\u0000\u001b[31m" + "x".repeat(500) + "\n")
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> check("connectionControl: {importFiles: [bin.txt]}"))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> {
                    String message = e.getMessage();
                    assertThat(message).startsWith("bin.txt:2: 'red\\0\\u001b[31mxx").contains("(509 characters)");
                    assertThat(message.chars()).noneMatch(c -> c < 0x20 || c == 0x7f);
                    assertThat(message.length()).isLessThan(200);
                });
    }

    @Test
    void aLineLongerThanTheCapIsRefusedWithoutBeingHeldWhole() throws Exception {
        Files.writeString(folder.resolve("long.txt"), "10.0.0.1\n" + "1".repeat(100_000) + "\n");

        assertThatThrownBy(() -> check("connectionControl: {importFiles: [long.txt]}"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("long.txt:2: line '1111")
                .hasMessageContaining("is longer than 4096 characters");
    }

    @Test
    void warningsAfterTheFirst20AreSummarised() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            lines.append("10.").append(i / 250).append('.').append(i % 250).append(".1:255.255.255.0\n");
        }
        Files.writeString(folder.resolve("hostbits.txt"), lines);

        CheckedSettings checked = check("connectionControl: {importFiles: [hostbits.txt]}");

        assertThat(checked.warnings()).hasSize(21);
        assertThat(checked.warnings().get(0)).isEqualTo("hostbits.txt:1: '10.0.0.1:255.255.255.0' has host bits set;"
                + " it means 10.0.0.0/24");
        assertThat(checked.warnings().get(20)).isEqualTo("and 980 more warnings");
        assertThat(checked.connectionControlEntries()).hasSize(1000);
    }

    @Test
    void moreEntriesThanTheBoundAreRefusedWithTheLimitAndTheKeyToRaiseIt() throws Exception {
        Path big = folder.resolve("big.txt");
        try (BufferedWriter writer = Files.newBufferedWriter(big)) {
            for (int i = 0; i < 3000; i++) {
                writer.write("10.0." + (i / 256) + "." + (i % 256) + "\n");
            }
        }

        assertThatThrownBy(() -> check("connectionControl: {importFiles: [big.txt], maxEntries: 2500}"))
                .isInstanceOf(SettingsException.class)
                .hasMessage("big.txt:2501: more than 2,500 connection-control entries in all; split the list or raise"
                        + " connectionControl.maxEntries (imported at " + folder.resolve("settings.yaml") + ":1)");
        assertThat(check("connectionControl: {importFiles: [big.txt], maxEntries: 3000}")
                .connectionControlEntries()).hasSize(3000);
    }

    @Test
    void notUtf8IsRefusedByName() throws Exception {
        Files.write(folder.resolve("latin1.txt"), new byte[] {'1', '0', '.', '0', '.', '0', '.', '1', ' ', '#', (byte) 0xe9, '\n'});

        assertThatThrownBy(() -> check("connectionControl: {importFiles: [latin1.txt]}"))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("latin1.txt: cannot read: not UTF-8 text (imported at ");
    }

    private CheckedSettings check(String... yaml) throws Exception {
        Path settings = TestSettings.write(folder, "settings.yaml", yaml);
        return new SettingsChecker(Clock.systemUTC()).check(new SettingsLoader(Map.<String, String>of()::get)
                .load(settings));
    }
}
