package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile policy files: any bytes, huge bodies, any max_age text and any MX names give a policy or an
 * MtaStsPolicyException, never another exception or a hang; wildcards never match more than one extra label.
 */
class MtaStsPolicyParserProperties {
    private static final Duration HANG_BOUND = Duration.ofSeconds(5);
    private static final String HEAD = "version: STSv1\nmode: enforce\nmx: mx.example.com\n";

    @Property(tries = 500)
    void anyBytesParseOrAreRefused(@ForAll @Size(max = 2000) byte[] body) {
        parsesOrRefuses(body);
    }

    @Property(tries = 300)
    void anyLinesOfPolicyLikeTextParseOrAreRefused(@ForAll("policyLikeText") String text) {
        parsesOrRefuses(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Property(tries = 20)
    void hugeBodiesAreRefusedQuickly(@ForAll("hugeBodies") byte[] body) {
        assertTimeoutPreemptively(HANG_BOUND, () -> {
            try {
                MtaStsPolicyParser.parse(body);
                assertThat(body.length).isLessThanOrEqualTo(MtaStsPolicyParser.MAX_BODY_BYTES);
            } catch (MtaStsPolicyException e) {
                assertThat(e.getMessage()).hasSizeLessThan(300);
            }
        });
    }

    @Property(tries = 300)
    void maxAgeIsKeptExactlyWhenInRangeAndRefusedOtherwise(@ForAll @LongRange(min = -10, max = 99_999_999_999L) long age) {
        byte[] body = (HEAD + "max_age: " + age + "\n").getBytes(US_ASCII);
        try {
            assertThat(MtaStsPolicyParser.parse(body).maxAgeSeconds()).isEqualTo(age);
            assertThat(age).isBetween(0L, MtaStsPolicyParser.MAX_AGE_LIMIT);
        } catch (MtaStsPolicyException e) {
            assertThat(age < 0 || age > MtaStsPolicyParser.MAX_AGE_LIMIT).as("refused " + age).isTrue();
        }
    }

    @Property(tries = 500)
    void aWildcardMatchesExactlyTheHostsWithOneMoreLabel(@ForAll("labels") List<String> domain,
                                                         @ForAll("prefixes") List<String> prefix) throws Exception {
        String base = String.join(".", domain);
        MxPattern wildcard = MxPattern.parse("*." + base);
        String host = prefix.isEmpty() ? base : String.join(".", prefix) + "." + base;

        assertThat(wildcard.matches(host)).as(host).isEqualTo(prefix.size() == 1);
        assertThat(MxPattern.parse(host).matches(host.toUpperCase() + ".")).isTrue();
    }

    @Property(tries = 500)
    void anyTxtRecordsGiveAValidIdNothingOrAreRefused(@ForAll("txtRecords") List<String> records) {
        assertTimeoutPreemptively(HANG_BOUND, () -> {
            try {
                MtaStsTxtRecord.id(records).ifPresent(id -> assertThat(id).matches("[A-Za-z0-9]{1,32}"));
            } catch (MtaStsPolicyException e) {
                assertThat(e.getMessage()).hasSizeLessThan(300);
            }
        });
    }

    @Provide
    Arbitrary<List<String>> txtRecords() {
        Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.of("v=STSv1", "id=20160831085700Z", "id=", "id=a-b",
                "ext=1", " ", "", "v=spf1 -all"), Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> record = field.list().ofMaxSize(5).map(fields -> String.join(";", fields));
        return record.list().ofMaxSize(3);
    }

    private static void parsesOrRefuses(byte[] body) {
        assertTimeoutPreemptively(HANG_BOUND, () -> {
            try {
                MtaStsPolicy policy = MtaStsPolicyParser.parse(body);
                assertThat(policy.maxAgeSeconds()).isBetween(0L, MtaStsPolicyParser.MAX_AGE_LIMIT);
                assertThat(policy.mode() == MtaStsMode.NONE || !policy.mx().isEmpty()).isTrue();
            } catch (MtaStsPolicyException e) {
                assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(300);
            }
        });
    }

    @Provide
    Arbitrary<String> policyLikeText() {
        Arbitrary<String> names = Arbitraries.of("version", "mode", "max_age", "mx", "x-ext", "", "MODE", "mx ");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("STSv1", "enforce", "testing", "none", "604800", "*.example.com", "mx.example.com",
                        "*", "*.*.a", "", " ", "31557601", "0"),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> separators = Arbitraries.of(":", ": ", ":\t", " : ", "=");
        Arbitrary<String> line = Combinators.combine(names, separators, values).as((n, s, v) -> n + s + v);
        Arbitrary<String> ends = Arbitraries.of("\n", "\r\n", "\r", "\n\n");
        return Combinators.combine(line.list().ofMaxSize(12), ends)
                .as((lines, end) -> String.join(end, lines));
    }

    @Provide
    Arbitrary<byte[]> hugeBodies() {
        return Arbitraries.integers().between(MtaStsPolicyParser.MAX_BODY_BYTES - 10,
                        4 * MtaStsPolicyParser.MAX_BODY_BYTES)
                .map(size -> {
                    byte[] body = new byte[size];
                    byte[] head = (HEAD + "max_age: 1\nx: ").getBytes(US_ASCII);
                    System.arraycopy(head, 0, body, 0, head.length);
                    for (int i = head.length; i < size; i++) {
                        body[i] = (byte) (i % 7 == 0 ? ' ' : 'a');
                    }
                    return body;
                });
    }

    @Provide
    Arbitrary<List<String>> labels() {
        return label().list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<String>> prefixes() {
        return label().list().ofMinSize(0).ofMaxSize(3);
    }

    private static Arbitrary<String> label() {
        return Arbitraries.strings().withChars("abcxyz019-").ofMinLength(1).ofMaxLength(8)
                .filter(label -> !label.startsWith("-") && !label.endsWith("-"));
    }
}
