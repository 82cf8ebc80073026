package org.imsajames.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name check testing mode applies to an MX certificate after the fact (RFC 6125 6.4, as enforce would). */
class PeerCertificateCheckTest {
    @Test
    void exactNamesMatchIgnoringCaseAndATrailingDot() {
        assertThat(PeerCertificateCheck.nameMatches("MX.Example.COM", "mx.example.com.")).isTrue();
        assertThat(PeerCertificateCheck.nameMatches("mx.example.com", "mx2.example.com")).isFalse();
    }

    @Test
    void aWildcardStandsForExactlyOneLeftMostLabel() {
        assertThat(PeerCertificateCheck.nameMatches("*.example.com", "mx.example.com")).isTrue();
        assertThat(PeerCertificateCheck.nameMatches("*.example.com", "example.com")).isFalse();
        assertThat(PeerCertificateCheck.nameMatches("*.example.com", "a.mx.example.com")).isFalse();
        assertThat(PeerCertificateCheck.nameMatches("*.example.com", ".example.com")).isFalse();
    }
}
