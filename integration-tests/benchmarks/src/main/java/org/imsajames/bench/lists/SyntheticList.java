package org.imsajames.bench.lists;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Deterministic connection-control lists for benchmarks: the same seed gives the same list on every machine.
 *
 * <p>Mix: 90% IPv4 (of which 60% single addresses, 20% IMSA groups {@code a.b.c.d:mask} with /20-/30 masks and host
 * bits as they fall, 20% CIDR networks /16-/30) and 10% IPv6 (half single addresses, half /32-/64 prefixes, all in
 * 2000::/3). IPv4 entries never touch 127.0.0.0/8, so load clients on loopback sources are listed only when a test
 * lists them on purpose ({@link #withListed}).
 */
public final class SyntheticList {
    private static final int LOOPBACK_OCTET = 127;

    private SyntheticList() {
    }

    /** count random entries. */
    public static List<SyntheticEntry> generate(int count, long seed) {
        Random random = new Random(seed);
        List<SyntheticEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(random.nextInt(10) < 9 ? ipv4(random) : ipv6(random));
        }
        return entries;
    }

    /**
     * A list of count entries that holds every one of listed (e.g. the addresses of refused load clients) at
     * seeded random positions among random entries: a table that is scanned in order (Postfix cidr:) meets them
     * half way down on average, as it would real clients.
     */
    public static List<SyntheticEntry> withListed(int count, long seed, List<SyntheticEntry> listed) {
        if (listed.size() > count) {
            throw new IllegalArgumentException(listed.size() + " listed entries do not fit in " + count);
        }
        List<SyntheticEntry> entries = generate(count - listed.size(), seed);
        Random positions = new Random(seed ^ 0x5DEECE66DL);
        for (SyntheticEntry entry : listed) {
            entries.add(positions.nextInt(entries.size() + 1), entry);
        }
        return Collections.unmodifiableList(entries);
    }

    /** Single-address entries for every address of an IPv4 range (first address, count addresses). */
    public static List<SyntheticEntry> singleAddresses(byte[] first, int count) {
        List<SyntheticEntry> entries = new ArrayList<>(count);
        long start = Integer.toUnsignedLong(toInt(first));
        for (int i = 0; i < count; i++) {
            byte[] address = toBytes((int) (start + i));
            entries.add(new SyntheticEntry(address, 32, SyntheticEntry.literal(address)));
        }
        return entries;
    }

    private static SyntheticEntry ipv4(Random random) {
        byte[] address = new byte[4];
        random.nextBytes(address);
        address[0] = (byte) unicastFirstOctet(random);
        int kind = random.nextInt(10);
        String literal = SyntheticEntry.literal(address);
        if (kind < 6) {
            return new SyntheticEntry(address, 32, literal);
        }
        if (kind < 8) {
            int prefix = 20 + random.nextInt(11);
            String mask = SyntheticEntry.literal(toBytes(-1 << (32 - prefix)));
            return new SyntheticEntry(address, prefix, literal + ":" + mask);
        }
        int prefix = 16 + random.nextInt(15);
        SyntheticEntry network = new SyntheticEntry(address, prefix, "");
        return new SyntheticEntry(address, prefix, network.cidr());
    }

    private static SyntheticEntry ipv6(Random random) {
        byte[] address = new byte[16];
        random.nextBytes(address);
        address[0] = (byte) (0x20 | (address[0] & 0x1f)); // 2000::/3, global unicast
        if (random.nextBoolean()) {
            return new SyntheticEntry(address, 128, SyntheticEntry.literal(address));
        }
        int prefix = 32 + random.nextInt(33);
        SyntheticEntry network = new SyntheticEntry(address, prefix, "");
        return new SyntheticEntry(address, prefix, network.cidr());
    }

    private static int unicastFirstOctet(Random random) {
        int octet;
        do {
            octet = 1 + random.nextInt(223);
        } while (octet == LOOPBACK_OCTET);
        return octet;
    }

    static int toInt(byte[] bytes) {
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    static byte[] toBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
