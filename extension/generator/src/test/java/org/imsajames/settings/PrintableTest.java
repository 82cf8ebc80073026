package org.imsajames.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void escapesControlCharactersByNameOrCode() {
        assertThat(Printable.escape("a\0b\nc\rd\te\u001b[1m\u007f\u0085\u2028\u202e"))
                .isEqualTo("a\\0b\\nc\\rd\\te\\u001b[1m\\u007f\\u0085\\u2028\\u202e");
        assertThat(Printable.escape("plain 10.0.0.0/8 é")).isEqualTo("plain 10.0.0.0/8 é");
    }

    @Test
    void quoteCutsAt40CharactersAndGivesTheLength() {
        assertThat(Printable.quote("short")).isEqualTo("'short'");
        assertThat(Printable.quote("y".repeat(41))).isEqualTo("'" + "y".repeat(40) + "...' (41 characters)");
    }

    @Test
    void nothingEscapedHoldsAControlCharacterWhateverTheInput() {
        Random random = new Random(10);
        for (int i = 0; i < 2000; i++) {
            char[] text = new char[random.nextInt(200)];
            for (int j = 0; j < text.length; j++) {
                text[j] = (char) random.nextInt(0x3000);
            }
            String quoted = Printable.quote(new String(text));
            assertThat(quoted.chars()).noneMatch(c -> Character.getType(c) == Character.CONTROL
                    || c == '\u2028' || c == '\u2029');
            assertThat(quoted.length()).isLessThanOrEqualTo(2 + 40 * 6 + 30);
        }
    }
}
