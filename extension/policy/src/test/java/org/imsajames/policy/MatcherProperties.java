package org.imsajames.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * AddressMatcher and EntryParser against a deliberately simple reference: networks as BigIntegers, matched by a
 * linear scan. Addresses are drawn from a few dense clusters so that lists hold nested and overlapping blocks and
 * clients often hit them.
 */
class MatcherProperties {
    private static final BigInteger IPV4_MAPPED = BigInteger.valueOf(0xffffL).shiftLeft(32);
    private static final int DERIVED_CLIENT_SOURCES = 20;

    @Property(tries = 400)
    void findsTheWidestBlockCoveringTheClient(@ForAll("entryLists") List<Generated> entries,
            @ForAll("clientLists") List<InetAddress> clients) throws Exception {
        assertFindsTheWidestBlockCovering(entries, clients);
    }

    /** Long lists are searched through a bucket index and a compact copy of the IPv4 blocks; short ones are not. */
    @Property(tries = 80, edgeCases = EdgeCasesMode.NONE) // edge cases would be lists of one repeated entry
    void findsTheWidestBlockCoveringTheClientInLongLists(@ForAll("longEntryLists") List<Generated> entries,
            @ForAll("clientLists") List<InetAddress> clients) throws Exception {
        assertFindsTheWidestBlockCovering(entries, clients);
    }

    private static void assertFindsTheWidestBlockCovering(List<Generated> entries, List<InetAddress> clients)
            throws Exception {
        AddressMatcher matcher = AddressMatcher.of(parse(entries));
        List<Network> networks = networks(entries);
        List<InetAddress> all = new ArrayList<>(clients);
        // Block edges (first, last, just outside) are where an off-by-one would show.
        for (Network network : networks.subList(0, Math.min(DERIVED_CLIENT_SOURCES, networks.size()))) {
            all.addAll(network.edgeClients());
        }

        for (InetAddress client : all) {
            Network expected = widestCovering(networks, client);
            String found = matcher.find(client);
            if (expected == null) {
                assertThat(found).as("client %s", client).isNull();
            } else {
                assertThat(found).as("client %s", client).isNotNull();
                assertThat(Network.fromCidr(found)).as("client %s", client).isEqualTo(expected);
            }
        }
    }

    @Property(tries = 300)
    void matchesIpv4MappedClientsLikeIpv4(@ForAll("entryLists") List<Generated> entries,
            @ForAll("ipv4Addresses") List<Integer> clients) throws Exception {
        AddressMatcher matcher = AddressMatcher.of(parse(entries));

        for (int client : clients) {
            BigInteger value = BigInteger.valueOf(client & 0xffffffffL);
            InetAddress ipv4 = address(value, 4);
            InetAddress mapped = address(IPV4_MAPPED.or(value), 16);
            assertThat(mapped).isInstanceOf(Inet6Address.class);
            assertThat(matcher.find(mapped)).isEqualTo(matcher.find(ipv4));
        }
    }

    @Property(tries = 200)
    void keepsOneBlockPerOutermostNetwork(@ForAll("entryLists") List<Generated> entries) throws Exception {
        Set<Network> distinct = new HashSet<>(networks(entries));
        long outermost = distinct.stream()
                .filter(network -> distinct.stream()
                        .noneMatch(other -> !other.equals(network) && other.covers(network)))
                .count();

        assertThat(AddressMatcher.of(parse(entries)).size()).isEqualTo(outermost);
    }

    @Property(tries = 1000)
    void parsesEveryFormToTheReferenceNetworkAndRoundTrips(@ForAll("entries") Generated generated) throws Exception {
        ListEntry entry = EntryParser.parse(generated.text, "generated");

        assertThat(Network.of(entry)).isEqualTo(generated.network);
        assertThat(entry.hostBitsSet()).isEqualTo(generated.hostBitsSet);
        assertThat(entry.source()).isEqualTo(generated.text);

        ListEntry again = EntryParser.parse(entry.canonical(), "canonical");
        assertThat(again.canonical()).isEqualTo(entry.canonical());
        assertThat(Network.of(again)).isEqualTo(generated.network);
        assertThat(again.hostBitsSet()).isFalse();
        assertThat(Network.fromCidr(entry.canonical())).isEqualTo(generated.network);
        if (!entry.isIpv4()) {
            String address = entry.canonical().substring(0, entry.canonical().indexOf('/'));
            assertThat(address).isEqualTo(rfc5952(generated.network.base));
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Generated>> entryLists() {
        return entries().list().ofMaxSize(300);
    }

    /** Mostly narrow blocks, so that hundreds to thousands of them are kept rather than swallowed by a /0. */
    @Provide
    Arbitrary<List<Generated>> longEntryLists() {
        Arbitrary<Generated> narrowIpv4 = Combinators.combine(ipv4Address(), Arbitraries.integers().between(22, 32),
                Arbitraries.integers().between(0, 4)).as(MatcherProperties::ipv4Entry);
        Arbitrary<Generated> narrowIpv6 = Combinators.combine(ipv6Address(), Arbitraries.integers().between(100, 128),
                Arbitraries.integers().between(0, 4)).as(MatcherProperties::ipv6Entry);
        return Arbitraries.frequencyOf(Tuple.of(4, narrowIpv4), Tuple.of(1, narrowIpv6))
                .list().ofMinSize(300).ofMaxSize(3000);
    }

    @Provide
    Arbitrary<Generated> entries() {
        return Arbitraries.frequencyOf(Tuple.of(3, ipv4Entries()), Tuple.of(2, ipv6Entries()));
    }

    @Provide
    Arbitrary<List<InetAddress>> clientLists() {
        Arbitrary<InetAddress> ipv4 = ipv4Address()
                .map(address -> address(BigInteger.valueOf(address & 0xffffffffL), 4));
        Arbitrary<InetAddress> ipv6 = ipv6Address().map(address -> address(address, 16));
        return Arbitraries.frequencyOf(Tuple.of(1, ipv4), Tuple.of(1, ipv6)).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Integer>> ipv4Addresses() {
        return ipv4Address().list().ofMaxSize(60);
    }

    private Arbitrary<Generated> ipv4Entries() {
        Arbitrary<Integer> prefixes = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(32)),
                Tuple.of(4, Arbitraries.integers().between(20, 31)),
                Tuple.of(2, Arbitraries.integers().between(8, 19)),
                Tuple.of(1, Arbitraries.integers().between(0, 7)));
        return Combinators.combine(ipv4Address(), prefixes, Arbitraries.integers().between(0, 4))
                .as(MatcherProperties::ipv4Entry);
    }

    private static Arbitrary<Integer> ipv4Address() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 0xffff).map(low -> 0x0a000000 | low)),
                Tuple.of(2, Arbitraries.integers().between(0, 0xfff).map(low -> 0xc0a80000 | low)),
                Tuple.of(1, Arbitraries.integers()),
                Tuple.of(1, Arbitraries.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE)));
    }

    private static Generated ipv4Entry(int address, int prefix, int form) {
        String dotted = dotted(address);
        String text;
        switch (form) {
            case 0:
                text = prefix == 32 ? dotted : dotted + "/" + prefix;
                break;
            case 1:
                text = dotted + ":" + dotted(prefix == 0 ? 0 : -1 << (32 - prefix));
                break;
            case 2:
                text = dotted + "/" + dotted(prefix == 0 ? 0 : -1 << (32 - prefix));
                break;
            case 3:
                text = dotted + "/" + prefix;
                break;
            default:
                text = "::ffff:" + dotted + "/" + (96 + prefix);
        }
        return new Generated(text, true, BigInteger.valueOf(address & 0xffffffffL), prefix);
    }

    private Arbitrary<Generated> ipv6Entries() {
        Arbitrary<Integer> prefixes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(128)),
                Tuple.of(3, Arbitraries.integers().between(96, 127)),
                Tuple.of(3, Arbitraries.integers().between(32, 95)),
                Tuple.of(1, Arbitraries.integers().between(0, 31)));
        return Combinators.combine(ipv6Address(), prefixes, Arbitraries.integers().between(0, 4))
                .as(MatcherProperties::ipv6Entry);
    }

    private static Arbitrary<BigInteger> ipv6Address() {
        Arbitrary<Long> lows = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, 255)),
                Tuple.of(2, Arbitraries.longs()),
                Tuple.of(1, Arbitraries.longs().between(0, 0xffff).map(group -> group << 48)));
        Arbitrary<BigInteger> documentation = Combinators.combine(Arbitraries.longs().between(0, 3), lows)
                .as((site, low) -> unsigned128(0x20010db800000000L | site << 16, low));
        Arbitrary<BigInteger> nearMapped = Arbitraries.integers()
                .map(ipv4 -> IPV4_MAPPED.or(BigInteger.valueOf(ipv4 & 0xffffffffL)));
        Arbitrary<BigInteger> anywhere = Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                .as(MatcherProperties::unsigned128);
        Arbitrary<BigInteger> loopbackArea = Arbitraries.longs().between(0, 3).map(BigInteger::valueOf);
        return Arbitraries.frequencyOf(Tuple.of(5, documentation), Tuple.of(1, nearMapped), Tuple.of(2, anywhere),
                Tuple.of(1, loopbackArea));
    }

    private static Generated ipv6Entry(BigInteger address, int prefix, int form) {
        int[] groups = groupsOf(address);
        String text;
        switch (form) {
            case 0:
                text = join(groups, "%x");
                break;
            case 1:
                text = join(groups, "%04X");
                break;
            case 2:
                text = compressFirstZeroRun(join(groups, "%x"));
                break;
            case 3:
                text = compressFirstZeroRun(join(Arrays.copyOf(groups, 6), "%x") + ":"
                        + dotted(address.intValue()));
                break;
            default:
                text = compressFirstZeroRun(join(groups, "%x"));
        }
        String suffix = prefix == 128 && form % 2 == 0 ? "" : "/" + prefix;
        boolean mapped = address.shiftRight(32).equals(BigInteger.valueOf(0xffff));
        if (mapped && prefix >= 96) {
            // The spec: ::ffff:a.b.c.d/96+n is the IPv4 network a.b.c.d/n.
            return new Generated(text + suffix, true, BigInteger.valueOf(address.intValue() & 0xffffffffL),
                    prefix - 96);
        }
        return new Generated(text + suffix, false, address, prefix);
    }

    // ---- reference model ----

    /** A network as the reference sees it: family, base address (host bits cleared), prefix length. */
    static final class Network {
        final boolean ipv4;
        final BigInteger base;
        final int prefix;

        Network(boolean ipv4, BigInteger address, int prefix) {
            this.ipv4 = ipv4;
            this.prefix = prefix;
            int hostBits = width() - prefix;
            this.base = address.shiftRight(hostBits).shiftLeft(hostBits);
        }

        static Network of(ListEntry entry) {
            return entry.isIpv4()
                    ? new Network(true, BigInteger.valueOf(entry.ipv4Network() & 0xffffffffL), entry.prefixLength())
                    : new Network(false, unsigned128(entry.ipv6NetworkHigh(), entry.ipv6NetworkLow()),
                            entry.prefixLength());
        }

        /** Reads the matcher's output with the JDK's literal parser (the text is checked to be a literal first). */
        static Network fromCidr(String cidr) throws Exception {
            assertThat(cidr).matches("[0-9a-f:][0-9a-f:.]*/[0-9]{1,3}");
            int slash = cidr.indexOf('/');
            byte[] bytes = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            return new Network(bytes.length == 4, new BigInteger(1, bytes), prefix);
        }

        int width() {
            return ipv4 ? 32 : 128;
        }

        boolean contains(boolean clientIpv4, BigInteger client) {
            int hostBits = width() - prefix;
            return clientIpv4 == ipv4 && client.shiftRight(hostBits).equals(base.shiftRight(hostBits));
        }

        boolean covers(Network other) {
            return other.prefix >= prefix && contains(other.ipv4, other.base);
        }

        List<InetAddress> edgeClients() {
            BigInteger last = base.or(BigInteger.ONE.shiftLeft(width() - prefix).subtract(BigInteger.ONE));
            BigInteger max = BigInteger.ONE.shiftLeft(width()).subtract(BigInteger.ONE);
            List<InetAddress> clients = new ArrayList<>();
            BigInteger[] edges = {base, last, base.subtract(BigInteger.ONE), last.add(BigInteger.ONE)};
            for (BigInteger edge : edges) {
                if (edge.signum() >= 0 && edge.compareTo(max) <= 0) {
                    clients.add(address(edge, ipv4 ? 4 : 16));
                }
            }
            return clients;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Network)) {
                return false;
            }
            Network network = (Network) other;
            return ipv4 == network.ipv4 && prefix == network.prefix && base.equals(network.base);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ipv4, base, prefix);
        }

        @Override
        public String toString() {
            return (ipv4 ? "v4 " : "v6 ") + base.toString(16) + "/" + prefix;
        }
    }

    /** One generated entry: the text given to the parser and the network the reference expects from it. */
    static final class Generated {
        final String text;
        final Network network;
        final boolean hostBitsSet;

        Generated(String text, boolean ipv4, BigInteger address, int prefix) {
            this.text = text;
            this.network = new Network(ipv4, address, prefix);
            this.hostBitsSet = !network.base.equals(address);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static Network widestCovering(List<Network> networks, InetAddress client) {
        byte[] bytes = client.getAddress();
        BigInteger value = new BigInteger(1, bytes);
        boolean ipv4 = bytes.length == 4;
        if (!ipv4 && value.shiftRight(32).equals(BigInteger.valueOf(0xffff))) {
            ipv4 = true;
            value = value.and(BigInteger.valueOf(0xffffffffL));
        }
        Network widest = null;
        for (Network network : networks) {
            if (network.contains(ipv4, value) && (widest == null || network.prefix < widest.prefix)) {
                widest = network;
            }
        }
        return widest;
    }

    /** RFC 5952 text, done differently from the code under test: the longest run of ":0" groups becomes "::". */
    private static String rfc5952(BigInteger address) {
        String full = ":" + join(groupsOf(address), "%x") + ":";
        Matcher zeros = Pattern.compile(":0(:0)+:").matcher(full);
        int bestStart = -1;
        int bestEnd = -1;
        int from = 0;
        while (zeros.find(from)) {
            if (zeros.end() - zeros.start() > bestEnd - bestStart) {
                bestStart = zeros.start();
                bestEnd = zeros.end();
            }
            from = zeros.start() + 1;
        }
        String text = bestStart < 0 ? full : full.substring(0, bestStart) + "::" + full.substring(bestEnd);
        // Drop the sentinel colons unless they are part of the "::".
        text = text.startsWith("::") ? text : text.substring(1);
        return text.endsWith("::") ? text : text.substring(0, text.length() - 1);
    }

    // ---- helpers ----

    private static List<ListEntry> parse(List<Generated> entries) throws InvalidEntryException {
        List<ListEntry> parsed = new ArrayList<>();
        for (Generated entry : entries) {
            parsed.add(EntryParser.parse(entry.text, "generated"));
        }
        return parsed;
    }

    private static List<Network> networks(List<Generated> entries) {
        List<Network> networks = new ArrayList<>();
        for (Generated entry : entries) {
            networks.add(entry.network);
        }
        return networks;
    }

    private static int[] groupsOf(BigInteger address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = address.shiftRight(112 - 16 * i).intValue() & 0xffff;
        }
        return groups;
    }

    private static String join(int[] groups, String format) {
        StringBuilder text = new StringBuilder();
        for (int group : groups) {
            text.append(text.length() == 0 ? "" : ":").append(String.format(format, group));
        }
        return text.toString();
    }

    /** "::" for the first run of zero groups, however short: valid RFC 4291 text the parser must accept. */
    private static String compressFirstZeroRun(String full) {
        Matcher zeros = Pattern.compile("(^|:)0(:0)*(:|$)").matcher(full);
        if (!zeros.find()) {
            return full;
        }
        return full.substring(0, zeros.start()) + "::" + full.substring(zeros.end());
    }

    private static String dotted(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    private static BigInteger unsigned128(long high, long low) {
        return new BigInteger(1, ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    }

    private static byte[] bytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        return bytes;
    }

    /** An address from raw bytes; 16 bytes stay an Inet6Address even when IPv4-mapped, as a socket may give. */
    private static InetAddress address(BigInteger value, int length) {
        try {
            return length == 4 ? InetAddress.getByAddress(bytes(value, 4))
                    : Inet6Address.getByAddress(null, bytes(value, 16), -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
