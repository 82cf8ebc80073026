package org.imsajames.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddressMatcherTest {

    @Test
    void matchesImsaExamples() throws Exception {
        AddressMatcher matcher = matcher("192.168.1.1", "192.168.2.0:255.255.255.0", "192.168.3.1:255.255.255.128",
                "192.168.4.100", "192.168.5.32:255.255.255.192");

        assertThat(matcher.find(ip("192.168.1.1"))).isEqualTo("192.168.1.1/32");
        assertThat(matcher.find(ip("192.168.1.2"))).isNull();
        assertThat(matcher.find(ip("192.168.2.0"))).isEqualTo("192.168.2.0/24");
        assertThat(matcher.find(ip("192.168.2.255"))).isEqualTo("192.168.2.0/24");
        assertThat(matcher.find(ip("192.168.3.0"))).isEqualTo("192.168.3.0/25");
        assertThat(matcher.find(ip("192.168.3.127"))).isEqualTo("192.168.3.0/25");
        assertThat(matcher.find(ip("192.168.3.128"))).isNull();
        assertThat(matcher.find(ip("192.168.4.100"))).isEqualTo("192.168.4.100/32");
        assertThat(matcher.find(ip("192.168.5.0"))).isEqualTo("192.168.5.0/26");
        assertThat(matcher.find(ip("192.168.5.64"))).isNull();
        assertThat(matcher.size()).isEqualTo(5);
    }

    @Test
    void findsBlocksByIndexAndNamesThemOnRequest() throws Exception {
        AddressMatcher matcher = matcher("192.168.2.0:255.255.255.0", "2001:db8::/32");

        int ipv4Block = matcher.indexOf(ip("192.168.2.7"));
        int ipv6Block = matcher.indexOf(ip("2001:db8::7"));
        assertThat(matcher.cidr(ipv4Block)).isEqualTo("192.168.2.0/24");
        assertThat(matcher.cidr(ipv6Block)).isEqualTo("2001:db8::/32");
        assertThat(matcher.indexOf(ip("192.168.3.7"))).isEqualTo(AddressMatcher.NO_MATCH);
        assertThatThrownBy(() -> matcher.cidr(AddressMatcher.NO_MATCH))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> matcher.cidr(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void keepsOnlyOutermostBlocks() throws Exception {
        AddressMatcher matcher = matcher("10.1.2.3", "10.0.0.0/8", "10.1.0.0/16", "10.0.0.0/8", "11.0.0.0/8",
                "10.255.255.255");

        assertThat(matcher.size()).isEqualTo(2);
        assertThat(matcher.find(ip("10.1.2.3"))).isEqualTo("10.0.0.0/8");
        assertThat(matcher.find(ip("11.200.0.1"))).isEqualTo("11.0.0.0/8");
        assertThat(matcher.find(ip("12.0.0.0"))).isNull();
        assertThat(matcher.find(ip("9.255.255.255"))).isNull();
    }

    @Test
    void handlesTheEdgesOfTheAddressSpace() throws Exception {
        AddressMatcher matcher = matcher("0.0.0.0", "255.255.255.255", "128.0.0.0/1",
                "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "8000::/1");

        assertThat(matcher.find(ip("0.0.0.0"))).isEqualTo("0.0.0.0/32");
        assertThat(matcher.find(ip("0.0.0.1"))).isNull();
        assertThat(matcher.find(ip("127.255.255.255"))).isNull();
        assertThat(matcher.find(ip("128.0.0.0"))).isEqualTo("128.0.0.0/1");
        assertThat(matcher.find(ip("255.255.255.255"))).isEqualTo("128.0.0.0/1");
        assertThat(matcher.find(ip("::"))).isEqualTo("::/128");
        assertThat(matcher.find(ip("::2"))).isNull();
        assertThat(matcher.find(ip("7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))).isNull();
        assertThat(matcher.find(ip("8000::"))).isEqualTo("8000::/1");
        assertThat(matcher.find(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))).isEqualTo("8000::/1");
        assertThat(matcher.size()).isEqualTo(4);
    }

    @Test
    void matchesEverythingWithDefaultRoutes() throws Exception {
        AddressMatcher matcher = matcher("0.0.0.0/0", "::/0", "10.0.0.1", "2001:db8::1");

        assertThat(matcher.find(ip("203.0.113.9"))).isEqualTo("0.0.0.0/0");
        assertThat(matcher.find(ip("2001:db8::1"))).isEqualTo("::/0");
        assertThat(matcher.size()).isEqualTo(2);
    }

    @Test
    void matchesIpv6PrefixesExactly() throws Exception {
        // James's NetMatcher misses this one.
        AddressMatcher matcher = matcher("2001:db8::/32", "2001:db9:0:1::/64", "fe80::/10");

        assertThat(matcher.find(ip("2001:db8:ffff::1"))).isEqualTo("2001:db8::/32");
        assertThat(matcher.find(ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))).isEqualTo("2001:db8::/32");
        assertThat(matcher.find(ip("2001:db9::1"))).isNull();
        assertThat(matcher.find(ip("2001:db9:0:1:ffff::1"))).isEqualTo("2001:db9:0:1::/64");
        assertThat(matcher.find(ip("2001:db9:0:2::1"))).isNull();
        assertThat(matcher.find(ip("febf:ffff::1"))).isEqualTo("fe80::/10");
        assertThat(matcher.find(ip("fec0::1"))).isNull();
    }

    @Test
    void matchesIpv4MappedClientsAsIpv4() throws Exception {
        AddressMatcher matcher = matcher("192.168.1.0/24", "::ffff:10.0.0.0/104");

        assertThat(matcher.find(mapped("192.168.1.77"))).isEqualTo("192.168.1.0/24");
        assertThat(matcher.find(mapped("10.9.8.7"))).isEqualTo("10.0.0.0/8");
        assertThat(matcher.find(ip("10.9.8.7"))).isEqualTo("10.0.0.0/8");
        assertThat(matcher.find(mapped("192.168.2.1"))).isNull();
    }

    @Test
    void keepsIpv6EntriesForIpv6ClientsOnly() throws Exception {
        AddressMatcher matcher = matcher("::/0");

        assertThat(matcher.find(ip("192.168.1.1"))).isNull();
        assertThat(matcher.find(mapped("192.168.1.1"))).isNull();
        assertThat(matcher.find(ip("::1"))).isEqualTo("::/0");
    }

    @Test
    void matchesNothingWhenEmpty() throws Exception {
        AddressMatcher matcher = AddressMatcher.of(Collections.emptyList());

        assertThat(matcher.find(ip("127.0.0.1"))).isNull();
        assertThat(matcher.find(ip("::1"))).isNull();
        assertThat(matcher.size()).isZero();
    }

    @Test
    void findsEachOfManyDisjointBlocks() throws Exception {
        List<ListEntry> entries = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            entries.add(EntryParser.parse("10." + i / 256 + "." + i % 256 + ".0/25", "inline"));
            entries.add(EntryParser.parse("2001:db8:" + Integer.toHexString(i + 1) + "::/48", "inline"));
        }
        Collections.shuffle(entries, new java.util.Random(7));
        AddressMatcher matcher = AddressMatcher.of(entries);

        assertThat(matcher.size()).isEqualTo(4000);
        for (int i = 0; i < 2000; i++) {
            String network = "10." + i / 256 + "." + i % 256;
            assertThat(matcher.find(ip(network + ".127"))).isEqualTo(network + ".0/25");
            assertThat(matcher.find(ip(network + ".128"))).isNull();
            String hex = Integer.toHexString(i + 1);
            assertThat(matcher.find(ip("2001:db8:" + hex + ":ffff::1"))).isEqualTo("2001:db8:" + hex + "::/48");
        }
    }

    static AddressMatcher matcher(String... entries) throws InvalidEntryException {
        List<ListEntry> parsed = new ArrayList<>();
        for (String entry : entries) {
            parsed.add(EntryParser.parse(entry, "inline"));
        }
        return AddressMatcher.of(parsed);
    }

    /** A literal only (the JDK parses literals without DNS). */
    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    /** ::ffff:a.b.c.d kept as an Inet6Address, as a dual-stack socket may report it. */
    static InetAddress mapped(String ipv4) throws Exception {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        InetAddress address = Inet6Address.getByAddress(null, v6, -1);
        assertThat(address).isInstanceOf(Inet6Address.class);
        return address;
    }
}
