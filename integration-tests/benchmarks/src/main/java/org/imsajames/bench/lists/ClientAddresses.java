package org.imsajames.bench.lists;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random clients for lookups: half drawn inside random entries of the list (hits), half uniformly from the family's
 * unicast space (mostly misses, some hits where the list is dense). Deterministic for a seed.
 */
public final class ClientAddresses {
    private ClientAddresses() {
    }

    /** count clients of one family (ipv4 or ipv6) against entries. */
    public static InetAddress[] sample(List<SyntheticEntry> entries, boolean ipv4, int count, long seed) {
        Random random = new Random(seed);
        List<SyntheticEntry> sameFamily = new ArrayList<>();
        for (SyntheticEntry entry : entries) {
            if (entry.isIpv4() == ipv4) {
                sameFamily.add(entry);
            }
        }
        InetAddress[] clients = new InetAddress[count];
        for (int i = 0; i < count; i++) {
            boolean inside = !sameFamily.isEmpty() && random.nextBoolean();
            clients[i] = inside ? sameFamily.get(random.nextInt(sameFamily.size())).randomAddressInside(random)
                : anywhere(ipv4, random);
        }
        return clients;
    }

    private static InetAddress anywhere(boolean ipv4, Random random) {
        byte[] address = new byte[ipv4 ? 4 : 16];
        random.nextBytes(address);
        if (ipv4) {
            address[0] = (byte) (1 + random.nextInt(223));
        } else {
            address[0] = (byte) (0x20 | (address[0] & 0x1f));
        }
        return SyntheticEntry.address(address);
    }
}
