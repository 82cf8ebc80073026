package org.imsajames.bench.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the kernel tracks connections (netfilter conntrack), each closed loopback connection keeps an entry for two
 * minutes; thousands of connections a second fill the table, after which new SYNs are dropped and clients hang in
 * connect(). Runs therefore start only once the table has room again, so that no server is measured against a full
 * table left by the previous run.
 */
final class ConntrackHeadroom {
    private static final Path COUNT = Path.of("/proc/sys/net/netfilter/nf_conntrack_count");
    private static final Path MAX = Path.of("/proc/sys/net/netfilter/nf_conntrack_max");
    private static final long MAX_WAIT_MILLIS = 150_000;

    private ConntrackHeadroom() {
    }

    /**
     * Waits (at most 150 s) until the table is at most half full (one run adds under 100k entries); returns a note
     * when it had to wait.
     */
    static String await() throws InterruptedException {
        long start = System.currentTimeMillis();
        long[] usage = usage();
        if (usage == null || usage[0] <= usage[1] / 2) {
            return "";
        }
        while (usage != null && usage[0] > usage[1] / 2 && System.currentTimeMillis() - start < MAX_WAIT_MILLIS) {
            Thread.sleep(2000);
            usage = usage();
        }
        return String.format("waited %d s for conntrack room (%s)", (System.currentTimeMillis() - start) / 1000,
            usage == null ? "?" : usage[0] + "/" + usage[1]);
    }

    private static long[] usage() {
        try {
            // Files.readString reads only the first byte of these /proc files (they report size 0); lines work.
            return new long[] {firstNumber(COUNT), firstNumber(MAX)};
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static long firstNumber(Path file) throws IOException {
        return Long.parseLong(Files.readAllLines(file).get(0).trim());
    }
}
