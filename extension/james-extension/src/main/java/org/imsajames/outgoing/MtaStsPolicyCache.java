package org.imsajames.outgoing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MTA-STS policies in force, per recipient domain (RFC 8461 sections 5.1 and 10.2). A policy is kept for its
 * max_age. It is fetched again when the TXT id changes, when it is past half its max_age, or when it expired;
 * a failed fetch, or a TXT record that has gone, leaves an unexpired policy in force: that is the RFC's
 * protection against an attacker who blocks the fetch or strips the record. A policy in mode none removes the
 * domain's policy. A domain whose fetch failed is not tried again for {@link #FAILED_FETCH_PAUSE}, so a dead
 * policy host does not cost every mail a timeout.
 */
public final class MtaStsPolicyCache {
    private static final Logger LOGGER = LoggerFactory.getLogger(MtaStsPolicyCache.class);
    static final Duration FAILED_FETCH_PAUSE = Duration.ofMinutes(5);
    /** Bounds memory whatever the mail flow; past it, expired entries go first, then any. */
    static final int MAX_DOMAINS = 10_000;

    /** TXT strings of a DNS name (James's DNSService.findTXTRecords). */
    public interface TxtLookup {
        Collection<String> txt(String name) throws Exception;
    }

    /** The body of https://mta-sts.DOMAIN/.well-known/mta-sts.txt. */
    public interface PolicyFetcher {
        byte[] fetch(String domain) throws MtaStsPolicyException;
    }

    /** Where the policies are kept across restarts (RFC 8461 section 5.1). */
    public interface PolicyStore {
        List<CachedPolicy> load() throws java.io.IOException;

        void save(List<CachedPolicy> policies) throws java.io.IOException;
    }

    private static final PolicyStore NOWHERE = new PolicyStore() {
        @Override
        public List<CachedPolicy> load() {
            return List.of();
        }

        @Override
        public void save(List<CachedPolicy> policies) {
        }
    };

    private final TxtLookup dns;
    private final PolicyFetcher fetcher;
    private final Clock clock;
    private final PolicyStore store;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public MtaStsPolicyCache(TxtLookup dns, PolicyFetcher fetcher, Clock clock) {
        this.dns = dns;
        this.fetcher = fetcher;
        this.clock = clock;
        this.store = NOWHERE;
    }

    /**
     * A cache that starts with the unexpired policies of STORE and saves every change there. A store that cannot be
     * read is an error: starting empty would drop policies this James holds, which is what an attacker who blocks
     * the fetch wants.
     */
    public MtaStsPolicyCache(TxtLookup dns, PolicyFetcher fetcher, Clock clock, PolicyStore store)
            throws java.io.IOException {
        this.dns = dns;
        this.fetcher = fetcher;
        this.clock = clock;
        this.store = store;
        Instant now = clock.instant();
        for (CachedPolicy policy : store.load()) {
            if (now.isBefore(policy.expires)) {
                entries.put(policy.domain, new Entry(policy, null));
            }
        }
        LOGGER.info("MTA-STS: {} cached policies loaded", entries.size());
    }

    /** The policy to apply to mail for DOMAIN now: enforce or testing; empty for none or no policy at all. */
    public Optional<CachedPolicy> policyFor(String recipientDomain) {
        String domain = recipientDomain.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Entry cached = entries.get(domain);
        Optional<String> id = currentId(domain);
        boolean usable = cached != null && cached.policy != null && now.isBefore(cached.policy.expires);
        boolean refetch = id.isPresent() && (!usable || !id.get().equals(cached.policy.id)
                || now.isAfter(cached.policy.refreshAfter));
        if (refetch && (cached == null || cached.failedAt == null
                || !now.isBefore(cached.failedAt.plus(FAILED_FETCH_PAUSE)))) {
            cached = fetch(domain, id.get(), now, usable ? cached.policy : null);
            usable = cached.policy != null && now.isBefore(cached.policy.expires);
        }
        if (!usable || cached.policy.policy.mode() == MtaStsMode.NONE) {
            return Optional.empty();
        }
        return Optional.of(cached.policy);
    }

    /** What is cached, for ops: domain, id, mode, expiry. */
    public List<CachedPolicy> snapshot() {
        List<CachedPolicy> policies = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.policy != null) {
                policies.add(entry.policy);
            }
        }
        policies.sort(java.util.Comparator.comparing(CachedPolicy::domain));
        return policies;
    }

    private Optional<String> currentId(String domain) {
        try {
            return MtaStsTxtRecord.id(dns.txt("_mta-sts." + domain));
        } catch (MtaStsPolicyException e) {
            LOGGER.info("MTA-STS {}: {}; treated as no TXT record", domain, e.getMessage());
            return Optional.empty();
        } catch (Exception e) {
            LOGGER.info("MTA-STS {}: TXT lookup failed ({}); treated as no TXT record", domain, e.toString());
            return Optional.empty();
        }
    }

    private Entry fetch(String domain, String id, Instant now, CachedPolicy previous) {
        Entry entry;
        try {
            MtaStsPolicy policy = MtaStsPolicyParser.parse(fetcher.fetch(domain));
            CachedPolicy fresh = new CachedPolicy(domain, id, policy, now);
            LOGGER.info("MTA-STS {}: policy id {} fetched: {}", domain, id, policy);
            entry = new Entry(fresh, null);
        } catch (MtaStsPolicyException | RuntimeException e) {
            LOGGER.warn("MTA-STS {}: policy id {} could not be fetched ({}){}", domain, id, e.getMessage(),
                    previous == null ? "" : "; the cached policy id " + previous.id + " stays in force until "
                            + previous.expires);
            entry = new Entry(previous, now);
        }
        if (entries.size() >= MAX_DOMAINS && !entries.containsKey(domain)) {
            makeRoom(now);
        }
        Entry replaced = entries.put(domain, entry);
        if (replaced == null || replaced.policy != entry.policy) {
            save();
        }
        return entry;
    }

    /** Written whole after each change; a failed write is logged, and the policies stay in force in memory. */
    private synchronized void save() {
        try {
            store.save(snapshot());
        } catch (java.io.IOException | RuntimeException e) {
            LOGGER.error("MTA-STS: the policy cache could not be saved ({}); the policies stay in force until"
                    + " James stops, but would not survive a restart", e.toString());
        }
    }

    private void makeRoom(Instant now) {
        entries.values().removeIf(entry -> entry.policy == null || !now.isBefore(entry.policy.expires));
        if (entries.size() >= MAX_DOMAINS) {
            entries.keySet().stream().findAny().ifPresent(entries::remove);
        }
    }

    /** A policy as fetched: the domain, the TXT id it was fetched for, and when it expires. */
    public static final class CachedPolicy {
        private final String domain;
        private final String id;
        private final MtaStsPolicy policy;
        private final Instant fetched;
        private final Instant expires;
        private final Instant refreshAfter;

        CachedPolicy(String domain, String id, MtaStsPolicy policy, Instant fetched) {
            this.domain = domain;
            this.id = id;
            this.policy = policy;
            this.fetched = fetched;
            this.expires = fetched.plusSeconds(policy.maxAgeSeconds());
            this.refreshAfter = fetched.plusSeconds(policy.maxAgeSeconds() / 2);
        }

        public String domain() {
            return domain;
        }

        public String id() {
            return id;
        }

        public MtaStsPolicy policy() {
            return policy;
        }

        public Instant expires() {
            return expires;
        }

        public Instant fetched() {
            return fetched;
        }

        @Override
        public String toString() {
            return domain + " id " + id + " " + policy + " until " + expires;
        }
    }

    /** The policy in force (null: none) and when the last fetch failed (null: it did not). */
    private static final class Entry {
        final CachedPolicy policy;
        final Instant failedAt;

        Entry(CachedPolicy policy, Instant failedAt) {
            this.policy = policy;
            this.failedAt = failedAt;
        }
    }
}
