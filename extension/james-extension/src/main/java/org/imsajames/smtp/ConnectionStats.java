package org.imsajames.smtp;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import org.imsajames.policy.ConnectionPolicy;
import org.slf4j.LoggerFactory;

/**
 * What the Connections screen's stats show: totals, refusals per list block, the last refused clients. Kept cheap
 * on the connection path: counters only, no lock and no allocation per connection (the per-block counters are
 * made once per installed policy, the ring of recent refusals is preallocated and written without a lock; a reader
 * may see a slot being overwritten, which only makes one recent item approximate).
 *
 * <p>One instance per JVM: the WebAdmin routes and the handlers are made by different Guice children but load
 * this class from the same extension class loader.
 *
 * <p>{@code -D}{@value #SWITCH}{@code =off}, read once when the class loads, removes the counting: only for the
 * load comparison's "stats off" James, which measures what the counting costs on the connection path. The switch is
 * a static final field, so the JIT folds each {@code if (COUNTING)} away: the compiled connection path is then the
 * same as that of a build without the counters.
 */
public final class ConnectionStats {
    static final int RECENT = 50;
    static final String SWITCH = "imsajames.connectionStats";
    private static final boolean COUNTING = counting(System.getProperty(SWITCH));
    private static final ConnectionStats INSTANCE = new ConnectionStats();

    static {
        if (!COUNTING) {
            LoggerFactory.getLogger(ConnectionStats.class).warn("Connection stats off ({}=off): the Connections"
                + " screen's stats stay at zero; meant only for the load comparison", SWITCH);
        }
    }

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<PerBlock> perBlock = new AtomicReference<>();
    private final InetAddress[] recentClients = new InetAddress[RECENT];
    private final long[] recentMillis = new long[RECENT];
    private final int[] recentBlocks = new int[RECENT];
    private final Object[] recentPolicies = new Object[RECENT];
    private final AtomicLong recentCount = new AtomicLong();

    /** One per JVM ({@link #instance()}); more only in tests. */
    ConnectionStats() {
    }

    public static ConnectionStats instance() {
        return INSTANCE;
    }

    /** Called once per installed policy (start and each reload), never per connection. */
    void policyInstalled(ConnectionPolicy policy) {
        perBlock.set(new PerBlock(policy, new AtomicLongArray(Math.max(policy.size(), 1))));
    }

    /** Only "off" turns the counting off; anything else keeps the stats an admin expects. */
    static boolean counting(String switchValue) {
        return !"off".equals(switchValue);
    }

    void accepted() {
        if (COUNTING) {
            accepted.incrementAndGet();
        }
    }

    void refused(ConnectionPolicy policy, InetAddress client, int block) {
        if (!COUNTING) {
            return;
        }
        refused.incrementAndGet();
        PerBlock counts = perBlock.get();
        if (block >= 0 && counts != null && counts.policy == policy && block < counts.counts.length()) {
            counts.counts.incrementAndGet(block);
        }
        int slot = (int) (recentCount.getAndIncrement() % RECENT);
        recentClients[slot] = client;
        recentMillis[slot] = System.currentTimeMillis();
        recentBlocks[slot] = block;
        recentPolicies[slot] = policy;
    }

    /** Contract 3's stats: {"accepted", "refused", "byEntry": [{"entry", "refused"}], "recentRefused": [...]}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accepted", accepted.get());
        json.put("refused", refused.get());
        List<Map<String, Object>> byEntry = new ArrayList<>();
        PerBlock counts = perBlock.get();
        if (counts != null) {
            for (int i = 0; i < counts.counts.length() && i < counts.policy.size(); i++) {
                long n = counts.counts.get(i);
                if (n > 0) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("entry", counts.policy.cidr(i));
                    item.put("refused", n);
                    byEntry.add(item);
                }
            }
        }
        byEntry.sort((a, b) -> Long.compare((Long) b.get("refused"), (Long) a.get("refused")));
        json.put("byEntry", byEntry);
        List<Map<String, Object>> recent = new ArrayList<>();
        long total = recentCount.get();
        for (long n = total - 1; n >= 0 && n >= total - RECENT; n--) {
            int slot = (int) (n % RECENT);
            InetAddress client = recentClients[slot];
            if (client == null) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ip", client.getHostAddress());
            item.put("at", Instant.ofEpochMilli(recentMillis[slot]).toString());
            Object policy = recentPolicies[slot];
            int block = recentBlocks[slot];
            item.put("entry", block >= 0 && policy instanceof ConnectionPolicy
                && block < ((ConnectionPolicy) policy).size() ? ((ConnectionPolicy) policy).cidr(block) : null);
            recent.add(item);
        }
        json.put("recentRefused", recent);
        return json;
    }

    private static final class PerBlock {
        final ConnectionPolicy policy;
        final AtomicLongArray counts;

        PerBlock(ConnectionPolicy policy, AtomicLongArray counts) {
            this.policy = policy;
            this.counts = counts;
        }
    }
}
