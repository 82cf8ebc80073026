package org.imsajames.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutgoingTlsPoliciesTest {
    @TempDir
    Path folder;

    private final SettingsLoader loader = new SettingsLoader(Map.<String, String>of()::get);

    @Test
    void readsTheEntriesInOrderLowerCased() throws Exception {
        OutgoingTlsSettings outgoing = load(
                "    - destination: Bank.Example",
                "      level: verify",
                "    - {destination: .partner.example, level: required}",
                "    - {destination: legacy.example., level: none}").outgoingTls();

        assertThat(outgoing.policies().entries().stream().map(DestinationPolicy::toString)
                .collect(Collectors.toList()))
                .containsExactly("bank.example: verify", ".partner.example: required", "legacy.example: none");
        assertThat(outgoing.policies().entries().get(0).origin()).endsWith("settings.yaml:6");
        assertThat(outgoing.defaultLevel()).isEqualTo(OutgoingTlsLevel.OPPORTUNISTIC);
    }

    @Test
    void aDotDomainMeansItsSubdomainsOnlyAndTheFirstMatchWins() throws Exception {
        OutgoingTlsPolicies policies = load(
                "    - {destination: mx.partner.example, level: none}",
                "    - {destination: .partner.example, level: required}",
                "    - {destination: partner.example, level: verify}").outgoingTls().policies();

        assertThat(policies.forDomain("MX.partner.example").get().level()).isEqualTo(OutgoingTlsLevel.NONE);
        assertThat(policies.forDomain("a.b.partner.example").get().level()).isEqualTo(OutgoingTlsLevel.REQUIRED);
        assertThat(policies.forDomain("partner.example").get().level()).isEqualTo(OutgoingTlsLevel.VERIFY);
        assertThat(policies.forDomain("otherpartner.example")).isEmpty();
        assertThat(policies.forDomain("example")).isEmpty();
    }

    @Test
    void withoutPoliciesTheDisabledModeMeansNone() throws Exception {
        Path file = write("tls:\n  outgoing:\n    enabled: false\n    mode: verify\n");

        OutgoingTlsSettings outgoing = loader.load(file).outgoingTls();

        assertThat(outgoing.policies().entries()).isEmpty();
        assertThat(outgoing.defaultLevel()).isEqualTo(OutgoingTlsLevel.NONE);
    }

    @Test
    void aDuplicateIsRefusedWithBothLines() throws Exception {
        assertRefused(List.of(
                "    - {destination: bank.example, level: verify}",
                "    - {destination: BANK.example, level: none}"),
                ":7: tls.outgoing.policies: 'bank.example' is listed twice: 'bank.example' (verify) at ",
                "settings.yaml:6 matches it first");
        assertRefused(List.of(
                "    - {destination: .bank.example, level: verify}",
                "    - {destination: .bank.example, level: verify}"),
                ":7: tls.outgoing.policies: '.bank.example' is listed twice", "settings.yaml:6");
    }

    @Test
    void anEntryAnEarlierOneAlwaysMatchesFirstIsRefused() throws Exception {
        assertRefused(List.of(
                "    - {destination: .example, level: opportunistic}",
                "    - {destination: bank.example, level: verify}"),
                ":7: tls.outgoing.policies: 'bank.example' is never used: '.example' (opportunistic) at ",
                "put the more specific entry first");
        assertRefused(List.of(
                "    - {destination: .example, level: opportunistic}",
                "    - {destination: .bank.example, level: verify}"),
                ":7: tls.outgoing.policies: '.bank.example' is never used", "settings.yaml:6");
    }

    @Test
    void theParentAfterItsSubdomainsOrAnExactDomainAfterItsDotFormIsFine() throws Exception {
        assertThat(load("    - {destination: .example, level: required}",
                "    - {destination: example, level: verify}",
                "    - {destination: bank.example2, level: verify}",
                "    - {destination: .bank.example2, level: none}").outgoingTls().policies().entries()).hasSize(4);
    }

    @Test
    void badEntriesAreRefusedAtTheirLine() throws Exception {
        assertRefused(List.of("    - {destination: bank.example, level: must}"),
                ":6: tls.outgoing.policies: level 'must' is not none, opportunistic, required or verify");
        assertRefused(List.of("    - {level: verify}"),
                ":6: tls.outgoing.policies: an entry needs a destination (a domain or .domain)");
        assertRefused(List.of("    - {destination: bank.example}"),
                ":6: tls.outgoing.policies: the entry for 'bank.example' needs a level");
        assertRefused(List.of("    - {destination: bank.example, level: verify, mx: x}"),
                ":6: unknown key 'tls.outgoing.policies.mx' (expected one of: destination, level)");
        assertRefused(List.of("    - bank.example"), ":6: tls.outgoing.policies must be a mapping of keys");
        for (String bad : List.of("'*.example'", "'a..example'", "'.'", "'-a.example'", "'a_b.example'",
                "'bänk.example'", "'example/x'", "'" + "a".repeat(64) + ".example'")) {
            assertRefused(List.of("    - {destination: " + bad + ", level: verify}"),
                    ":6: tls.outgoing.policies: destination '", "' is not a domain (example.com) or a parent"
                            + " domain (.example.com)");
        }
    }

    @Test
    void aPolicyListThatIsNotAListIsRefused() throws Exception {
        Path file = write("tls:\n  outgoing:\n    policies: verify\n");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(SettingsException.class)
                .hasMessage(file + ":3: tls.outgoing.policies must be a list");
    }

    @Test
    void mtaStsIsTestingByDefaultAndRefusesAnythingButTheThreeValues() throws Exception {
        assertThat(loader.load(write("")).outgoingTls().mtaSts()).isEqualTo(org.imsajames.outgoing.MtaStsSetting.TESTING);
        assertThat(loader.load(write("tls: {outgoing: {mtaSts: enforce}}")).outgoingTls().mtaSts())
                .isEqualTo(org.imsajames.outgoing.MtaStsSetting.ENFORCE);
        Path file = write("tls:\n  outgoing:\n    mtaSts: strict\n");
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(SettingsException.class)
                .hasMessage(file + ":3: tls.outgoing.mtaSts 'strict' is not off, testing or enforce");
    }

    private void assertRefused(List<String> entries, String... messageParts) throws Exception {
        Path file = write(yaml(entries.toArray(new String[0])));
        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(file + messageParts[0])
                .hasMessageContainingAll(messageParts);
    }

    private ImsaSettings load(String... entries) throws Exception {
        return loader.load(write(yaml(entries)));
    }

    private static String yaml(String... entries) {
        return "tls:\n  outgoing:\n    enabled: true\n    mode: opportunistic\n    policies:\n"
                + String.join("\n", entries) + "\n";
    }

    private Path write(String text) throws Exception {
        Path file = folder.resolve("settings.yaml");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
