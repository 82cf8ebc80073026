package org.imsajames.outgoing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's DNSService as one RemoteDelivery sees it: the MX hosts of a domain with an enforced MTA-STS policy are
 * only those the policy's mx patterns allow. RemoteDelivery asks findMXRecords once per delivery attempt and tries
 * nothing else, so a host left out here is never contacted. When none is left, or when this RemoteDelivery does
 * not verify certificates, the lookup fails as temporary: James retries and finally bounces, and never delivers
 * to a host or over a connection the policy does not allow. The decision goes to the current DeliveryAttempt, whose
 * one log line MtaStsDecisionLog writes with the outcome. Testing failures are judged there too, after the fact.
 */
final class MtaStsDnsService implements DNSService {
    private static final Logger LOGGER = LoggerFactory.getLogger(MtaStsDnsService.class);

    private final DNSService dns;
    private volatile MtaStsPolicyCache policies;
    private final Metric enforced;
    private final Metric refused;
    private volatile MtaStsSetting setting = MtaStsSetting.OFF;
    private volatile boolean verifiesCertificates;

    MtaStsDnsService(DNSService dns, MetricFactory metrics) {
        this.dns = dns;
        this.enforced = metrics.generate("imsa.mtaSts.enforced");
        this.refused = metrics.generate("imsa.mtaSts.refused");
    }

    /** Set from the mailet's parameters before RemoteDelivery starts its delivery threads. */
    void configure(MtaStsSetting setting, boolean verifiesCertificates, MtaStsPolicyCache policies) {
        this.policies = policies;
        this.setting = setting;
        this.verifiesCertificates = verifiesCertificates;
    }

    @Override
    public Collection<String> findMXRecords(String domain) throws TemporaryResolutionException {
        Collection<String> mx = dns.findMXRecords(domain);
        if (setting == MtaStsSetting.OFF) {
            return mx;
        }
        Optional<MtaStsPolicyCache.CachedPolicy> found = policies.policyFor(domain);
        if (found.isEmpty()) {
            return mx;
        }
        MtaStsPolicyCache.CachedPolicy policy = found.get();
        List<String> allowed = mx.stream().filter(policy.policy()::allowsMx).collect(Collectors.toList());
        boolean enforce = setting == MtaStsSetting.ENFORCE && policy.policy().mode() == MtaStsMode.ENFORCE;
        Optional<String> refusal = Optional.empty();
        if (enforce && !verifiesCertificates) {
            refusal = Optional.of("this RemoteDelivery does not verify certificates");
        } else if (enforce && allowed.isEmpty()) {
            refusal = Optional.of("no MX host matches the policy (MX " + mx.stream()
                    .map(DeliveryAttempt::withoutTrailingDot).collect(Collectors.toList()) + ")");
        }
        MtaStsDecision decision = new MtaStsDecision(domain, policy, List.copyOf(mx), allowed, enforce, refusal);
        Optional<DeliveryAttempt> attempt = DeliveryAttempt.current();
        // In James, the attempt's one log line is written by MtaStsDecisionLog once the outcome is known.
        attempt.ifPresentOrElse(current -> current.decided(decision), () -> logAlone(decision));
        if (refusal.isPresent()) {
            refused.increment();
            throw new TemporaryResolutionException("MTA-STS " + domain + " policy id " + policy.id() + ": "
                    + refusal.get() + "; not delivered, retried");
        }
        if (!enforce) {
            return mx;
        }
        enforced.increment();
        return allowed;
    }

    private static void logAlone(MtaStsDecision decision) {
        LOGGER.warn("MTA-STS {} policy id {} mode {}: MX {}, allowed {}{}", decision.domain(), decision.policy().id(),
                decision.mode(), decision.mx(), decision.allowed(),
                decision.refusal().map(reason -> "; " + reason + ": not delivered, retried").orElse(""));
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return dns.findTXTRecords(hostname);
    }

    /** RemoteDelivery resolves each MX host here: the decision log names hosts, not only addresses. */
    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        Collection<InetAddress> addresses = dns.getAllByName(host);
        DeliveryAttempt.current().ifPresent(attempt -> attempt.resolved(host, addresses));
        return addresses;
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        return dns.getByName(host);
    }

    @Override
    public InetAddress getLocalHost() throws UnknownHostException {
        return dns.getLocalHost();
    }

    @Override
    public String getHostName(InetAddress address) {
        return dns.getHostName(address);
    }
}
