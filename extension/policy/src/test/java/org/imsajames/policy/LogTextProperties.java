package org.imsajames.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LogTextProperties {

    /** Whatever bytes a client sends, however James decodes them: nothing unsafe, never longer than the cut. */
    @Property(tries = 2000)
    void anyClientBytesBecomeOneSafeShortLine(@ForAll("clientBytes") byte[] bytes, @ForAll("charsets") Charset charset) {
        assertSafe(LogText.of(new String(bytes, charset)));
    }

    @Property(tries = 2000)
    void anyStringBecomesOneSafeShortLine(@ForAll("anyChars") String text) {
        String logged = LogText.of(text);

        assertSafe(logged);
        if (text.length() > LogText.CUT) {
            assertThat(logged).endsWith("...(" + text.length() + " chars)");
        }
    }

    @Property(tries = 500)
    void safeShortTextIsLeftAlone(@ForAll("printable") String text) {
        assertThat(LogText.of(text)).isEqualTo(text);
    }

    @Example
    void escapesWhatATerminalOrALogReaderWouldObey() {
        assertThat(LogText.of("MAIL\r\n\u001b[31mINFO x\u0000"))
            .isEqualTo("MAIL\\r\\n\\x1b[31mINFO x\\x00");
        assertThat(LogText.of("\u007f\u0085\u2028\u2029\u202e\u2066"))
            .isEqualTo("\\x7f\\x85\\u2028\\u2029\\u202e\\u2066");
        assertThat(LogText.of("\ufeff\ud800\\x")).isEqualTo("\\ufeff\\ud800\\\\x");
        assertThat(LogText.of("A".repeat(4000))).isEqualTo("A".repeat(40) + "...(4000 chars)");
        assertThat(LogText.quoted("10.0.0.1")).isEqualTo("'10.0.0.1'");
    }

    private static void assertSafe(String logged) {
        assertThat(logged.length()).as(logged).isLessThanOrEqualTo(LogText.MAX_LENGTH);
        assertThat(logged.codePoints().filter(LogTextProperties::forbidden).toArray()).as(logged).isEmpty();
    }

    /** The test's own list, not LogText's: what must never reach a log line as it is. */
    private static boolean forbidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
            || type == Character.FORMAT || type == Character.SURROGATE
            || (codePoint >= 0x202a && codePoint <= 0x202e) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    @Provide
    Arbitrary<byte[]> clientBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(5000);
    }

    @Provide
    Arbitrary<Charset> charsets() {
        return Arbitraries.of(StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<String> anyChars() {
        Arbitrary<Character> nasty = Arbitraries.of('\r', '\n', '\u001b', '\u0000', '\u007f', '\u0085', '\u009b',
            '\u2028', '\u2029', '\u202e', '\u2066', '\u200f', '\u061c', '\ufeff', '\ud800', '\udc00', '\\');
        Arbitrary<Character> any = Arbitraries.chars().all();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(1, nasty))
            .list().ofMaxSize(300).map(chars -> {
                StringBuilder text = new StringBuilder();
                chars.forEach(c -> text.append((char) c));
                return text.toString();
            });
    }

    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.strings().withCharRange(' ', '~').excludeChars('\\').ofMaxLength(LogText.CUT);
    }
}
