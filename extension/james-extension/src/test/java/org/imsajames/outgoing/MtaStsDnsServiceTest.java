package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.Test;

/** The MX hosts one RemoteDelivery gets, and what is counted, for each setting and policy mode. */
class MtaStsDnsServiceTest {
    private static final Map<String, List<String>> MX = Map.of(
            "enforced.example", List.of("rogue.example.net", "mx1.enforced.example", "mx2.enforced.example"),
            "testing.example", List.of("rogue.example.net", "mx.testing.example"),
            "nopolicy.example", List.of("mx.nopolicy.example"),
            "elsewhere.example", List.of("rogue.example.net"));
    private static final Map<String, String> POLICIES = Map.of(
            "enforced.example", "version: STSv1\nmode: enforce\nmax_age: 86400\nmx: *.enforced.example\n",
            "testing.example", "version: STSv1\nmode: testing\nmax_age: 86400\nmx: mx.testing.example\n",
            "elsewhere.example", "version: STSv1\nmode: enforce\nmax_age: 86400\nmx: mx.elsewhere.example\n");

    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final MtaStsPolicyCache cache = new MtaStsPolicyCache(
            name -> POLICIES.containsKey(name.substring("_mta-sts.".length())) ? List.of("v=STSv1; id=1") : List.of(),
            domain -> POLICIES.get(domain).getBytes(US_ASCII), Clock.systemUTC());
    private final MtaStsDnsService dns = new MtaStsDnsService(new FixedDns(), metrics);

    @Test
    void enforceGivesAVerifyingRemoteDeliveryOnlyTheAllowedHosts() throws Exception {
        dns.configure(MtaStsSetting.ENFORCE, true, cache);

        assertThat(dns.findMXRecords("enforced.example")).containsExactly("mx1.enforced.example", "mx2.enforced.example");
        assertThat(dns.findMXRecords("nopolicy.example")).containsExactly("mx.nopolicy.example");
        assertThat(metrics.countFor("imsa.mtaSts.enforced")).isEqualTo(1);
    }

    @Test
    void enforceWithNoAllowedHostOrWithoutCertificateChecksIsATemporaryFailure() {
        dns.configure(MtaStsSetting.ENFORCE, true, cache);
        assertThatThrownBy(() -> dns.findMXRecords("elsewhere.example"))
                .isInstanceOf(TemporaryResolutionException.class).hasMessageContaining("no MX host matches the policy");

        dns.configure(MtaStsSetting.ENFORCE, false, cache);
        assertThatThrownBy(() -> dns.findMXRecords("enforced.example"))
                .isInstanceOf(TemporaryResolutionException.class)
                .hasMessageContaining("this RemoteDelivery does not verify certificates");
        assertThat(metrics.countFor("imsa.mtaSts.refused")).isEqualTo(2);
    }

    @Test
    void testingPoliciesAndTheTestingSettingDeliverAsUsualAndLeaveTheDecisionToTheAttempt() throws Exception {
        DeliveryAttempt attempt = DeliveryAttempt.begin();
        try {
            dns.configure(MtaStsSetting.ENFORCE, true, cache);
            assertThat(dns.findMXRecords("testing.example")).containsExactly("rogue.example.net", "mx.testing.example");
            assertThat(attempt.decision()).hasValueSatisfying(decision -> {
                assertThat(decision.enforced()).isFalse();
                assertThat(decision.allowed()).containsExactly("mx.testing.example");
            });

            dns.configure(MtaStsSetting.TESTING, false, cache);
            assertThat(dns.findMXRecords("elsewhere.example")).containsExactly("rogue.example.net");
            assertThat(attempt.decision()).hasValueSatisfying(decision -> {
                assertThat(decision.enforced()).isFalse();
                assertThat(decision.refusal()).isEmpty();
                assertThat(decision.allowed()).isEmpty();
            });
        } finally {
            DeliveryAttempt.end();
        }
        assertThat(metrics.countFor("imsa.mtaSts.refused")).isZero();
        assertThat(metrics.countFor("imsa.mtaSts.enforced")).isZero();
    }

    @Test
    void offLooksNothingUp() throws Exception {
        dns.configure(MtaStsSetting.OFF, false, cache);

        assertThat(dns.findMXRecords("elsewhere.example")).containsExactly("rogue.example.net");
        assertThat(cache.snapshot()).isEmpty();
    }

    private static final class FixedDns implements DNSService {
        @Override
        public Collection<String> findMXRecords(String hostname) {
            return MX.get(hostname);
        }

        @Override
        public Collection<String> findTXTRecords(String hostname) {
            return List.of();
        }

        @Override
        public Collection<InetAddress> getAllByName(String host) {
            return List.of();
        }

        @Override
        public InetAddress getByName(String host) {
            return null;
        }

        @Override
        public InetAddress getLocalHost() {
            return null;
        }

        @Override
        public String getHostName(InetAddress addr) {
            return null;
        }
    }
}
