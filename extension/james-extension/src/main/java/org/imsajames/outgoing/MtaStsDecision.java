package org.imsajames.outgoing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What our DNSService decided for one delivery attempt to a domain with an MTA-STS policy. */
final class MtaStsDecision {
    private final String domain;
    private final MtaStsPolicyCache.CachedPolicy policy;
    private final List<String> mx;
    private final List<String> allowed;
    private final boolean enforced;
    private final Optional<String> refusal;

    MtaStsDecision(String domain, MtaStsPolicyCache.CachedPolicy policy, List<String> mx, List<String> allowed,
                   boolean enforced, Optional<String> refusal) {
        this.domain = domain;
        this.policy = policy;
        this.mx = withoutTrailingDots(mx);
        this.allowed = withoutTrailingDots(allowed);
        this.enforced = enforced;
        this.refusal = refusal;
    }

    private static List<String> withoutTrailingDots(List<String> hosts) {
        return hosts.stream().map(DeliveryAttempt::withoutTrailingDot).collect(java.util.stream.Collectors.toList());
    }

    String domain() {
        return domain;
    }

    MtaStsPolicyCache.CachedPolicy policy() {
        return policy;
    }

    /** The MX hosts DNS gave, in James's order, without the trailing dot. */
    List<String> mx() {
        return mx;
    }

    List<String> allowed() {
        return allowed;
    }

    /** Enforced here: our setting enforce and the policy's mode enforce. Otherwise failures are only reported. */
    boolean enforced() {
        return enforced;
    }

    /** Why this attempt may not deliver at all (enforced only). */
    Optional<String> refusal() {
        return refusal;
    }

    String mode() {
        return policy.policy().mode().name().toLowerCase(Locale.ROOT);
    }
}
