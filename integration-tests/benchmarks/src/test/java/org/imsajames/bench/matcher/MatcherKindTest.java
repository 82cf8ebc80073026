package org.imsajames.bench.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.imsajames.bench.lists.ClientAddresses;
import org.imsajames.bench.lists.SyntheticEntry;
import org.imsajames.bench.lists.SyntheticList;
import org.junit.jupiter.api.Test;

/** The benchmark compares like with like: every implementation answers the same for the same list and clients. */
class MatcherKindTest {
    private static final List<SyntheticEntry> LIST = SyntheticList.generate(1_500, 21);

    @Test
    void allAgreeOnIpv4Clients() {
        InetAddress[] clients = ClientAddresses.sample(LIST, true, 1_500, 22);
        ListLookup imsa = build(MatcherKind.IMSA);
        for (MatcherKind other : List.of(MatcherKind.IPADDRESS, MatcherKind.NETMATCHER)) {
            ListLookup lookup = build(other);
            for (InetAddress client : clients) {
                assertThat(lookup.contains(client)).as(other + " " + client).isEqualTo(imsa.contains(client));
            }
        }
    }

    @Test
    void ipaddressTriesAgreeOnIpv6Clients() {
        // NetMatcher is left out: it mismatches IPv6 prefixes (2001:db8::/32 misses 2001:db8:ffff::1), a finding of its own.
        InetAddress[] clients = ClientAddresses.sample(LIST, false, 1_500, 23);
        ListLookup imsa = build(MatcherKind.IMSA);
        ListLookup tries = build(MatcherKind.IPADDRESS);
        long hits = 0;
        for (InetAddress client : clients) {
            assertThat(tries.contains(client)).as(client.getHostAddress()).isEqualTo(imsa.contains(client));
            hits += imsa.contains(client) ? 1 : 0;
        }
        assertThat(hits).isPositive();
    }

    @Test
    void literalOnlyDnsServiceRefusesNames() {
        LiteralOnlyDnsService dns = new LiteralOnlyDnsService();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dns.getByName("localhost"))
            .isInstanceOf(java.net.UnknownHostException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dns.getByName("abc"))
            .isInstanceOf(java.net.UnknownHostException.class);
    }

    private static ListLookup build(MatcherKind kind) {
        return kind.build(kind.lines(LIST));
    }
}
