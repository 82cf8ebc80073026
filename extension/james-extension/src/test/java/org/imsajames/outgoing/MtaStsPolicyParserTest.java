package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class MtaStsPolicyParserTest {
    @Test
    void readsTheRfcExample() throws Exception {
        MtaStsPolicy policy = parse("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n"
                + "mx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n");

        assertThat(policy.mode()).isEqualTo(MtaStsMode.ENFORCE);
        assertThat(policy.maxAgeSeconds()).isEqualTo(604800);
        assertThat(policy.mx()).extracting(MxPattern::toString)
                .containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
    }

    @Test
    void acceptsLfLinesAnyFieldOrderExtensionsSpacesAndBlankLines() throws Exception {
        MtaStsPolicy policy = parse("max_age:86400\nmx:   MX1.Example.COM  \n\nx-ext_1.a: some value here\n"
                + "mode: testing\nversion: STSv1");

        assertThat(policy.mode()).isEqualTo(MtaStsMode.TESTING);
        assertThat(policy.allowsMx("mx1.example.com.")).isTrue();
    }

    @Test
    void modeNoneNeedsNoMx() throws Exception {
        assertThat(parse("version: STSv1\nmode: none\nmax_age: 0\n").mode()).isEqualTo(MtaStsMode.NONE);
    }

    @Test
    void refusesWhatTheRfcDoesNotAllow() {
        refused("mode: enforce\nmx: a.example\nmax_age: 1\n", "policy has no 'version: STSv1'");
        refused("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n", "version 'STSv2' is not STSv1");
        refused("version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1\n", "mode 'Enforce' is not enforce");
        refused("version: STSv1\nmx: a.example\nmax_age: 1\n", "policy has no mode");
        refused("version: STSv1\nmode: enforce\nmx: a.example\n", "policy has no max_age");
        refused("version: STSv1\nmode: enforce\nmax_age: 1\n", "policy in mode enforce has no mx");
        refused("version: STSv1\nmode: enforce\nmode: testing\nmx: a.example\nmax_age: 1\n",
                "line 3: mode is given twice");
        refused("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n",
                "max_age 31557601 is over the RFC's limit of 31557600");
        refused("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n", "max_age '-1' is not 1 to 10 digits");
        refused("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 12345678901\n", "is not 1 to 10 digits");
        refused("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1 day\n", "is not 1 to 10 digits");
        refused("version: STSv1\nmode: enforce\nmx: *.*.example\nmax_age: 1\n", "mx '*.*.example' is not");
        refused("version: STSv1\nmode: enforce\nmx: mail.*.example\nmax_age: 1\n", "mx 'mail.*.example' is not");
        refused("version: STSv1\nmode: enforce\nmx: *\nmax_age: 1\n", "mx '*' is not");
        refused("version: STSv1\nmode: enforce\nmx a.example\nmax_age: 1\n", "line 3 is not 'name: value'");
        refused("version: STSv1\nmode: enforce\nmx:\nmax_age: 1\n", "line 3 is not 'name: value'");
        refused("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\n\u00e9t\u00e9: x\n", "not ASCII");
        refused("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nx: a\u0001b\n", "line 5 is not");
    }

    @Test
    void refusesAnOversizedPolicyBeforeReadingIt() {
        byte[] huge = ("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nx: "
                + "a".repeat(MtaStsPolicyParser.MAX_BODY_BYTES)).getBytes(US_ASCII);

        assertThatThrownBy(() -> MtaStsPolicyParser.parse(huge)).isInstanceOf(MtaStsPolicyException.class)
                .hasMessageContaining("over the limit of 65536");
    }

    @Test
    void echoesAtMostSixtyCharactersOfALine() {
        String line = "garbage" + "x".repeat(5000);

        assertThatThrownBy(() -> parse("version: STSv1\n" + line)).isInstanceOf(MtaStsPolicyException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(150).contains("(5007 characters)"));
    }

    @Test
    void wildcardsMatchExactlyOneLeftmostLabel() throws Exception {
        MxPattern wildcard = MxPattern.parse("*.example.net");

        assertThat(wildcard.matches("mx1.example.net")).isTrue();
        assertThat(wildcard.matches("MX1.EXAMPLE.NET.")).isTrue();
        assertThat(wildcard.matches("example.net")).isFalse();
        assertThat(wildcard.matches("a.b.example.net")).isFalse();
        assertThat(wildcard.matches("mx1.example.net.evil")).isFalse();
        assertThat(wildcard.matches("mx1example.net")).isFalse();
        assertThat(wildcard.matches(".example.net")).isFalse();
        MxPattern exact = MxPattern.parse("mail.example.com");
        assertThat(exact.matches("mail.example.com")).isTrue();
        assertThat(exact.matches("x.mail.example.com")).isFalse();
        assertThat(exact.matches("mail.example.co")).isFalse();
    }

    @Test
    void theTxtRecordGivesTheIdWhenThereIsExactlyOneValidRecord() throws Exception {
        assertThat(MtaStsTxtRecord.id(List.of("v=spf1 -all", "v=STSv1; id=20160831085700Z;"))).contains("20160831085700Z");
        assertThat(MtaStsTxtRecord.id(List.of("v=STSv1;id=abc"))).contains("abc");
        assertThat(MtaStsTxtRecord.id(List.of("v=STSv1; id=abc; ext=1"))).contains("abc");
        assertThat(MtaStsTxtRecord.id(List.of("v=spf1 -all"))).isEmpty();
        for (List<String> bad : List.of(List.of("v=STSv1; id=a", "v=STSv1; id=b"), List.of("v=STSv1;"),
                List.of("v=STSv1; id="), List.of("v=STSv1; id=" + "a".repeat(33)), List.of("v=STSv1; id=a-b"),
                List.of("v=STSv1; id=a; id=b"), List.of("v=STSv10; id=a"), List.of("v=STSv1; id=a; junk"))) {
            assertThatThrownBy(() -> MtaStsTxtRecord.id(bad)).as(bad.toString())
                    .isInstanceOf(MtaStsPolicyException.class);
        }
    }

    private static MtaStsPolicy parse(String text) throws MtaStsPolicyException {
        return MtaStsPolicyParser.parse(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static void refused(String text, String message) {
        assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(MtaStsPolicyException.class)
                .hasMessageContaining(message);
    }
}
