package org.imsajames.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import org.imsajames.fuzz.Mutation;

/**
 * Hostile entries: whatever the text, EntryParser either returns an entry or throws InvalidEntryException naming the
 * entry; never another exception, never a hang. What it accepts is always an address literal, so nothing it accepts
 * could have needed a name lookup.
 */
class EntryParserProperties {
    /** Not a performance limit: a try that takes this long is stuck (e.g. catastrophic regex backtracking). */
    static final Duration HANG_BOUND = Duration.ofSeconds(10);
    private static final Pattern LITERAL_ALPHABET = Pattern.compile("[0-9A-Fa-f.:/]+");

    /** Characters entries are made of, their look-alikes (full-width, Arabic-Indic digits, one-dot leader) and noise. */
    static final String ENTRY_ALPHABET = "0123456789abcdefABCDEF.:/ %\t#-x[]*"
            + "\u0000\r\n\uFEFF\u00A0\u0661\uFF11\uFF0E\uFF1A\u2024\u00E9\uD83D";

    @Property(tries = 1000)
    void anyTextParsesOrIsRefused(@ForAll("anyText") String text) {
        parsesOrIsRefused(text);
    }

    @Property(tries = 1000)
    void textFromTheEntryAlphabetParsesOrIsRefused(@ForAll("entryAlphabetText") String text) {
        parsesOrIsRefused(text);
    }

    @Property(tries = 1000)
    void mutatedValidEntriesParseOrAreRefused(@ForAll("mutatedEntries") String text) {
        parsesOrIsRefused(text);
    }

    @Property(tries = 60)
    void veryLongTextParsesOrIsRefused(@ForAll("veryLongText") String text) {
        parsesOrIsRefused(text);
    }

    @Property(tries = 300)
    void hostNamesAreAlwaysRefused(@ForAll("hostNames") String name, @ForAll("suffixes") String suffix) {
        String text = name + suffix;
        assertTimeoutPreemptively(HANG_BOUND, () ->
                assertThatThrownBy(() -> EntryParser.parse(text, "fuzz"))
                        .isInstanceOf(InvalidEntryException.class)
                        .hasMessageContaining("is a host name"));
    }

    /** The policy never depends on DNS: names that resolve everywhere are refused, not looked up. */
    @Example
    void namesThatWouldResolveAreRefusedNotLookedUp() {
        for (String name : List.of("localhost", "example.com", "LOCALHOST.", "ip6-localhost", "localhost:255.255.255.0",
                "example.com/24", "localhost.localdomain/255.255.255.0", "xn--bcher-kva.example")) {
            assertThatThrownBy(() -> EntryParser.parse(name, "inline")).as(name)
                    .isInstanceOf(InvalidEntryException.class)
                    .hasMessageContaining("is a host name");
        }
    }

    /** Forms InetAddress.getByName would accept (or resolve) but that are not our literals. */
    @Example
    void addressFormsOnlyAResolverWouldAcceptAreRefused() {
        for (String text : List.of("127.1", "0x7f.0.0.1", "2130706433", "0177.0.0.1", "[::1]", "::1%lo", "\u0661.1.1.1",
                "\uFF11.1.1.1", "1\uFF0E1.1.1")) {
            assertThatThrownBy(() -> EntryParser.parse(text, "inline")).as(text)
                    .isInstanceOf(InvalidEntryException.class);
        }
    }

    static void parsesOrIsRefused(String text) {
        ListEntry entry = assertTimeoutPreemptively(HANG_BOUND, () -> {
            try {
                return EntryParser.parse(text, "fuzz");
            } catch (InvalidEntryException e) {
                assertThat(e.getMessage()).startsWith(InvalidEntryException.quote(text.trim()) + " ");
                // Cut input: whatever the text, the message stays short enough for a log line.
                assertThat(e.getMessage()).hasSizeLessThan(300);
                assertThat(e.entry()).isEqualTo(text.trim());
                return null;
            }
        });
        if (entry != null) {
            isAnAddressLiteral(text, entry);
        }
    }

    private static void isAnAddressLiteral(String text, ListEntry entry) {
        assertThat(LITERAL_ALPHABET.matcher(text.trim()).matches()).as("accepted '%s'", text).isTrue();
        assertThat(entry.prefixLength()).isBetween(0, entry.isIpv4() ? 32 : 128);
        try {
            assertThat(EntryParser.parse(entry.canonical(), "canonical").canonical()).isEqualTo(entry.canonical());
        } catch (InvalidEntryException e) {
            throw new AssertionError("canonical form of '" + text + "' does not parse: " + e.getMessage(), e);
        }
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(80);
    }

    @Provide
    Arbitrary<String> entryAlphabetText() {
        return Arbitraries.strings().withChars(ENTRY_ALPHABET.toCharArray()).ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> mutatedEntries() {
        return Combinators.combine(validEntries(), Mutation.arbitrary(ENTRY_ALPHABET).list().ofMinSize(1).ofMaxSize(6))
                .as(Mutation::applyAll);
    }

    @Provide
    Arbitrary<String> veryLongText() {
        Arbitrary<String> fragment = Arbitraries.of("a.", "1.", "a-1.", "1:", "::", "0", "/", "ffff:", "255.",
                "1.2.3.4:", "%", " ", "\u0000", "x", "\uFF11", "#");
        // Uniform, without edge cases: jqwik would otherwise favour short lengths, and length is the point here.
        Arbitrary<Integer> length = Arbitraries.integers().between(1_000, 100_000)
                .withDistribution(RandomDistribution.uniform()).withoutEdgeCases();
        return Combinators.combine(fragment, length, validEntries())
                .as((piece, size, tail) -> piece.repeat(size / piece.length()) + tail);
    }

    @Provide
    Arbitrary<String> hostNames() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> topLabel = Combinators.combine(Arbitraries.chars().range('a', 'z'), label)
                .as((first, rest) -> first + rest);
        return Combinators.combine(label.list().ofMaxSize(2_000), topLabel, Arbitraries.of("", "."))
                .as((labels, top, dot) -> (labels.isEmpty() ? "" : String.join(".", labels) + ".") + top + dot);
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.of("", "/24", ":255.255.255.0", "/255.0.0.0", "  ");
    }

    /** Valid entries of every form, generated from random addresses and prefixes. */
    static Arbitrary<String> validEntries() {
        Arbitrary<String> ipv4 = Arbitraries.integers().map(Ipv4Literal::format);
        Arbitrary<String> ipv6 = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(Ipv6Literal::format);
        Arbitrary<Integer> ipv4Prefix = Arbitraries.integers().between(0, 32);
        return Arbitraries.oneOf(
                Arbitraries.of("192.168.1.1", "192.168.2.0:255.255.255.0", "192.168.3.1:255.255.255.128",
                        "10.0.0.0/255.0.0.0", "2001:db8::/32", "::ffff:192.0.2.1", "::", "::/0", "1:2:3:4:5:6:1.2.3.4"),
                ipv4,
                Combinators.combine(ipv4, ipv4Prefix).as((address, prefix) -> address + "/" + prefix),
                Combinators.combine(ipv4, ipv4Prefix)
                        .as((address, prefix) -> address + ":" + Ipv4Literal.format(PrefixMasks.ipv4(prefix))),
                ipv6,
                Combinators.combine(ipv6, Arbitraries.integers().between(0, 128))
                        .as((address, prefix) -> address + "/" + prefix));
    }
}
