package org.imsajames.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryParserTest {

    @ParameterizedTest(name = "IMSA example {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "192.168.1.1                 | 192.168.1.1/32   | false",
        "192.168.2.0:255.255.255.0   | 192.168.2.0/24   | false",
        "192.168.3.1:255.255.255.128 | 192.168.3.0/25   | true",
        "192.168.4.100               | 192.168.4.100/32 | false",
        "192.168.5.32:255.255.255.192| 192.168.5.0/26   | true",
    })
    void parsesImsaExamples(String text, String canonical, boolean hostBitsSet) throws Exception {
        ListEntry entry = EntryParser.parse(text, "inline");

        assertThat(entry.canonical()).isEqualTo(canonical);
        assertThat(entry.hostBitsSet()).isEqualTo(hostBitsSet);
        assertThat(entry.isIpv4()).isTrue();
        assertThat(entry.source()).isEqualTo(text.trim());
        assertThat(entry.origin()).isEqualTo("inline");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/255.0.0.0        | 10.0.0.0/8       | 8   | true  | false",
        "10.0.0.0/8                | 10.0.0.0/8       | 8   | true  | false",
        "10.1.2.3/8                | 10.0.0.0/8       | 8   | true  | true",
        "0.0.0.0/0                 | 0.0.0.0/0        | 0   | true  | false",
        "1.2.3.4/0                 | 0.0.0.0/0        | 0   | true  | true",
        "0.0.0.0:0.0.0.0           | 0.0.0.0/0        | 0   | true  | false",
        "255.255.255.255/32        | 255.255.255.255/32 | 32 | true | false",
        "10.0.0.1:255.255.255.255  | 10.0.0.1/32      | 32  | true  | false",
        "2001:db8::1               | 2001:db8::1/128  | 128 | false | false",
        "::1                       | ::1/128          | 128 | false | false",
        "::                        | ::/128           | 128 | false | false",
        "::/0                      | ::/0             | 0   | false | false",
        "2001:0DB8:0000:0000:0000:0000:0000:0001 | 2001:db8::1/128 | 128 | false | false",
        "2001:db8:0:0:1:0:0:1      | 2001:db8::1:0:0:1/128 | 128 | false | false",
        "2001:0:0:1:0:0:0:1        | 2001:0:0:1::1/128 | 128 | false | false",
        "2001:db8:1:2:3:4:5:6      | 2001:db8:1:2:3:4:5:6/128 | 128 | false | false",
        "1:2:3:4:5:6:7::           | 1:2:3:4:5:6:7:0/128 | 128 | false | false",
        "2001:db8::/32             | 2001:db8::/32    | 32  | false | false",
        "2001:db8:ffff::1/32       | 2001:db8::/32    | 32  | false | true",
        "fe80::/10                 | fe80::/10        | 10  | false | false",
        "::ffff:1.2.3.4            | 1.2.3.4/32       | 32  | true  | false",
        "::FFFF:1.2.3.4            | 1.2.3.4/32       | 32  | true  | false",
        "::ffff:10.0.0.0/104       | 10.0.0.0/8       | 8   | true  | false",
        "::ffff:a00:1/104          | 10.0.0.0/8       | 8   | true  | true",
        "::ffff:0:0/96             | 0.0.0.0/0        | 0   | true  | false",
        "::ffff:0:0/95             | ::fffe:0:0/95    | 95  | false | true",
        "::1.2.3.4                 | ::102:304/128    | 128 | false | false",
        "64:ff9b::192.0.2.33/128   | 64:ff9b::c000:221/128 | 128 | false | false",
    })
    void parsesCidrAndIpv6Forms(String text, String canonical, int prefixLength, boolean ipv4, boolean hostBitsSet)
            throws Exception {
        ListEntry entry = EntryParser.parse(text, "settings.yaml");

        assertThat(entry.canonical()).isEqualTo(canonical);
        assertThat(entry.prefixLength()).isEqualTo(prefixLength);
        assertThat(entry.isIpv4()).isEqualTo(ipv4);
        assertThat(entry.hostBitsSet()).isEqualTo(hostBitsSet);
    }

    @Test
    void trimsTheSourceAndKeepsTheOrigin() throws Exception {
        ListEntry entry = EntryParser.parse("  \t192.168.2.0:255.255.255.0 \r", "connection-control.txt:7");

        assertThat(entry.source()).isEqualTo("192.168.2.0:255.255.255.0");
        assertThat(entry.origin()).isEqualTo("connection-control.txt:7");
    }

    @Test
    void canonicalFormParsesBackToItself() throws Exception {
        ListEntry entry = EntryParser.parse("192.168.3.1:255.255.255.128", "inline");
        ListEntry again = EntryParser.parse(entry.canonical(), "inline");

        assertThat(again.canonical()).isEqualTo("192.168.3.0/25");
        assertThat(again.hostBitsSet()).isFalse();
    }

    @ParameterizedTest(name = "refuses {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0:255.0.255.0  | is not a contiguous netmask",
        "10.0.0.0/255.0.255.0  | is not a contiguous netmask",
        "10.0.0.0:0.255.255.255 | is not a contiguous netmask",
        "10.0.0.0:8            | has an invalid netmask '8'",
        "10.0.0.0:255.255.0    | has an invalid netmask '255.255.0'",
        "10.0.0.0:256.0.0.0    | has an octet greater than 255",
        "256.1.1.1             | has an octet greater than 255",
        "1.2.3.1000            | has an octet greater than 255",
        "010.1.1.1             | has an octet with a leading zero",
        "10.1.1.00             | has an octet with a leading zero",
        "10.0.0.0/33           | has a prefix length out of range (0-32 for IPv4)",
        "2001:db8::/129        | has a prefix length out of range (0-128 for IPv6)",
        "10.0.0.0/-1           | has an invalid prefix length '-1'",
        "10.0.0.0/             | has an invalid prefix length ''",
        "10.0.0.0/8/8          | has an invalid prefix length '8/8'",
        "10.0.0.0/0008         | has an invalid prefix length '0008'",
        "2001:db8::/ff         | has an invalid prefix length 'ff'",
        "2001:db8::/255.255.0.0 | gives a netmask for an IPv6 address",
        "mail.example.com      | is a host name",
        "localhost             | is a host name",
        "mail.example.com/24   | is a host name",
        "gateway:255.255.255.0 | is a host name",
        "fe80::1%eth0          | has a zone id",
        "fe80::1%1/64          | has a zone id",
        "10.1.1                | is not an IP address or network",
        "10.1.1.1.1            | is not an IP address or network",
        "167772161             | is not an IP address or network",
        "0x0a.0.0.1            | is not an IP address or network",
        "10.0.0.0 /8           | is not an IP address or network",
        "10. 0.0.0             | is not an IP address or network",
        "/8                    | is not an IP address or network",
        "*                     | is not an IP address or network",
        "192.168.1.*           | is not an IP address or network",
        "192.168.1.1-192.168.1.9 | is not an IP address or network",
        "2001:db8::1::2        | is not a valid IPv6 address",
        ":::                   | is not a valid IPv6 address",
        ":1::2                 | is not a valid IPv6 address",
        "1::2:                 | is not a valid IPv6 address",
        "1:2:3:4:5:6:7:8:9     | is not a valid IPv6 address",
        "1:2:3:4:5:6:7         | is not a valid IPv6 address",
        "1:2:3:4:5:6:7:8::     | is not a valid IPv6 address",
        "::1:2:3:4:5:6:7:8     | is not a valid IPv6 address",
        "2001:db8::12345       | is not a valid IPv6 address",
        "2001:db8::g           | is not a valid IPv6 address",
        "1.2.3.4::             | is not a valid IPv6 address",
        "::1.2.3.4:1           | is not a valid IPv6 address",
        "::ffff:1.2.3.256      | has an octet greater than 255",
        "::ffff:01.2.3.4       | has an octet with a leading zero",
        "[2001:db8::1]         | is not a valid IPv6 address",
        "-1.2.3.4              | is not an IP address or network",
    })
    void refusesWithAMessageNamingTheEntry(String text, String problem) {
        assertThatThrownBy(() -> EntryParser.parse(text, "inline"))
                .isInstanceOf(InvalidEntryException.class)
                .hasMessageStartingWith("'" + text.trim() + "' " + problem)
                .satisfies(e -> assertThat(((InvalidEntryException) e).entry()).isEqualTo(text.trim()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void refusesAnEmptyEntry(String text) {
        assertThatThrownBy(() -> EntryParser.parse(text, "inline"))
                .isInstanceOf(InvalidEntryException.class)
                .hasMessage("'' is empty: expected an IP address or network");
    }

    /** Found by EntryParserProperties: a host-name check by regex overflowed the stack on long dotted text. */
    @ParameterizedTest
    @ValueSource(strings = {"a.", "1.", "a-1."})
    void refusesVeryLongDottedTextWithATypedError(String label) {
        String hostName = label.repeat(50_000) + "example";
        String notAnAddress = label.repeat(50_000) + "1";

        assertThatThrownBy(() -> EntryParser.parse(hostName, "inline"))
                .isInstanceOf(InvalidEntryException.class)
                .hasMessageEndingWith("is a host name; only IP addresses and networks are accepted");
        assertThatThrownBy(() -> EntryParser.parse(notAnAddress, "inline"))
                .isInstanceOf(InvalidEntryException.class)
                .hasMessageEndingWith("is not an IP address or network");
    }

    /** An operator reads these in a log: a pasted blob must not fill it. */
    @Test
    void cutsLongTextInMessages() {
        String longEntry = "?".repeat(100_000);

        assertThatThrownBy(() -> EntryParser.parse(longEntry, "inline"))
                .isInstanceOf(InvalidEntryException.class)
                .hasMessage("'" + "?".repeat(40) + "...(100000 chars)' is not an IP address or network")
                .extracting(e -> ((InvalidEntryException) e).entry()).isEqualTo(longEntry);
        assertThatThrownBy(() -> EntryParser.parse("10.0.0.0/" + "9".repeat(1_000), "inline"))
                .hasMessageEndingWith("has an invalid prefix length '" + "9".repeat(40) + "...(1000 chars)'");
        assertThatThrownBy(() -> EntryParser.parse("10.0.0." + "0".repeat(1_000), "inline"))
                .hasMessageContaining("has an octet with a leading zero ('" + "0".repeat(40) + "...(1000 chars)'");
    }

    @Test
    void contractMessageForANonContiguousMask() {
        assertThatThrownBy(() -> EntryParser.parse("10.0.0.0:255.0.255.0", "inline"))
                .hasMessage("'10.0.0.0:255.0.255.0' is not a contiguous netmask");
    }
}
