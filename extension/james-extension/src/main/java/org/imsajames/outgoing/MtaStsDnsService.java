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
 * to a host or over a connection the policy does not allow. One log line per decision.
 */
final class MtaStsDnsService implements DNSService {
    private static final Logger LOGGER = LoggerFactory.getLogger(MtaStsDnsService.class);

    private final DNSService dns;
    private final MtaStsPolicyCache policies;
    private final Metric enforced;
    private final Metric refused;
    private final Metric testingFailures;
    private volatile MtaStsSetting setting = MtaStsSetting.OFF;
    private volatile boolean verifiesCertificates;

    MtaStsDnsService(DNSService dns, MtaStsPolicyCache policies, MetricFactory metrics) {
        this.dns = dns;
        this.policies = policies;
        this.enforced = metrics.generate("imsa.mtaSts.enforced");
        this.refused = metrics.generate("imsa.mtaSts.refused");
        this.testingFailures = metrics.generate("imsa.mtaSts.testingFailures");
    }

    /** Set from the mailet's parameters before RemoteDelivery starts its delivery threads. */
    void configure(MtaStsSetting setting, boolean verifiesCertificates) {
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
        String decision = "MTA-STS " + domain + " policy id " + policy.id() + " mode "
                + policy.policy().mode().name().toLowerCase(java.util.Locale.ROOT) + ": MX " + mx + ", allowed " + allowed;
        boolean enforce = setting == MtaStsSetting.ENFORCE && policy.policy().mode() == MtaStsMode.ENFORCE;
        if (!enforce) {
            if (allowed.size() < mx.size() || !verifiesCertificates) {
                testingFailures.increment();
                LOGGER.warn("{}; delivering anyway (testing){}", decision,
                        verifiesCertificates ? "" : ", without checking the MX certificate");
            }
            return mx;
        }
        if (!verifiesCertificates) {
            refused.increment();
            LOGGER.warn("{}; not delivered by this RemoteDelivery, which does not verify certificates; retried", decision);
            throw new TemporaryResolutionException(decision + ": needs a RemoteDelivery that verifies certificates");
        }
        if (allowed.isEmpty()) {
            refused.increment();
            LOGGER.warn("{}; no MX host matches the policy: not delivered, retried", decision);
            throw new TemporaryResolutionException(decision + ": no MX host matches the policy");
        }
        enforced.increment();
        LOGGER.info("{}; delivering over verified TLS to the allowed hosts only", decision);
        return allowed;
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return dns.findTXTRecords(hostname);
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        return dns.getAllByName(host);
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
