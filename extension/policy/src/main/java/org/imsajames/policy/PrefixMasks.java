package org.imsajames.policy;

/** Network masks for a prefix length, as bit patterns. */
final class PrefixMasks {
    private PrefixMasks() {
    }

    static int ipv4(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    static long ipv6High(int prefixLength) {
        if (prefixLength >= 64) {
            return -1L;
        }
        return prefixLength == 0 ? 0L : -1L << (64 - prefixLength);
    }

    static long ipv6Low(int prefixLength) {
        return prefixLength <= 64 ? 0L : -1L << (128 - prefixLength);
    }
}
