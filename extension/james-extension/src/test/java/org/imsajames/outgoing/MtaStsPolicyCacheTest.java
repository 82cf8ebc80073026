package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** RFC 8461 sections 5.1 and 10.2 with a clock, a TXT table and a policy host of the test's own. */
class MtaStsPolicyCacheTest {
    private static final String ENFORCE = "version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 1000\n";
    private static final String TESTING = "version: STSv1\nmode: testing\nmx: *.example.com\nmax_age: 1000\n";

    private final MutableClock clock = new MutableClock();
    private final Map<String, List<String>> txt = new HashMap<>();
    private final Map<String, String> served = new HashMap<>();
    private final List<String> fetches = new ArrayList<>();
    private final MtaStsPolicyCache cache = new MtaStsPolicyCache(
            name -> {
                if (name.startsWith("_mta-sts.broken")) {
                    throw new java.io.IOException("SERVFAIL");
                }
                return txt.getOrDefault(name, List.of());
            },
            domain -> {
                fetches.add(domain);
                String body = served.get(domain);
                if (body == null) {
                    throw new MtaStsPolicyException("connection refused");
                }
                return body.getBytes(US_ASCII);
            },
            clock);

    @Test
    void fetchesOnceAndKeepsThePolicyForItsMaxAge() {
        publish("example.com", "1", ENFORCE);

        assertThat(cache.policyFor("Example.COM").get().policy().mode()).isEqualTo(MtaStsMode.ENFORCE);
        clock.advance(Duration.ofSeconds(400));
        assertThat(cache.policyFor("example.com").get().id()).isEqualTo("1");

        assertThat(fetches).containsExactly("example.com");
        assertThat(cache.snapshot()).singleElement().satisfies(policy -> {
            assertThat(policy.domain()).isEqualTo("example.com");
            assertThat(policy.expires()).isEqualTo(MutableClock.START.plusSeconds(1000));
        });
    }

    @Test
    void aNewTxtIdFetchesTheNewPolicy() {
        publish("example.com", "1", ENFORCE);
        cache.policyFor("example.com");

        publish("example.com", "2", TESTING);

        assertThat(cache.policyFor("example.com").get().policy().mode()).isEqualTo(MtaStsMode.TESTING);
        assertThat(fetches).hasSize(2);
    }

    @Test
    void pastHalfItsMaxAgeThePolicyIsRefreshedBeforeItExpires() {
        publish("example.com", "1", ENFORCE);
        cache.policyFor("example.com");

        clock.advance(Duration.ofSeconds(600));
        cache.policyFor("example.com");

        assertThat(fetches).hasSize(2);
        assertThat(cache.snapshot().get(0).expires()).isEqualTo(MutableClock.START.plusSeconds(1600));
    }

    @Test
    void whenTheFetchIsBlockedTheCachedPolicyStaysInForceUntilItExpires() {
        publish("example.com", "1", ENFORCE);
        cache.policyFor("example.com");

        txt.put("_mta-sts.example.com", List.of("v=STSv1; id=2"));
        served.remove("example.com");
        clock.advance(Duration.ofSeconds(10));
        assertThat(cache.policyFor("example.com").get().id()).as("attacker blocks the new fetch").isEqualTo("1");

        clock.advance(Duration.ofSeconds(1000));
        assertThat(cache.policyFor("example.com")).as("expired, and the fetch still fails").isEmpty();
    }

    @Test
    void aTxtRecordThatDisappearsOrCannotBeLookedUpLeavesTheCachedPolicyInForce() {
        publish("example.com", "1", ENFORCE);
        cache.policyFor("example.com");

        txt.remove("_mta-sts.example.com");
        assertThat(cache.policyFor("example.com")).isPresent();
        assertThat(fetches).hasSize(1);
    }

    @Test
    void noTxtRecordMeansNoPolicyAndNoFetch() {
        served.put("example.com", ENFORCE);

        assertThat(cache.policyFor("example.com")).isEmpty();
        assertThat(cache.policyFor("broken.example")).isEmpty();
        assertThat(fetches).isEmpty();
    }

    @Test
    void modeNoneRemovesTheDomainsPolicy() {
        publish("example.com", "1", ENFORCE);
        cache.policyFor("example.com");

        publish("example.com", "2", "version: STSv1\nmode: none\nmax_age: 1000\n");

        assertThat(cache.policyFor("example.com")).isEmpty();
        assertThat(cache.policyFor("example.com")).isEmpty();
        assertThat(fetches).as("none is cached too").hasSize(2);
    }

    @Test
    void anInvalidPolicyIsNotUsedAndAFailedFetchIsNotRetriedAtOnce() {
        publish("example.com", "1", "version: STSv1\nmode: enforce\nmax_age: 1000\n");

        assertThat(cache.policyFor("example.com")).isEmpty();
        assertThat(cache.policyFor("example.com")).isEmpty();
        assertThat(fetches).hasSize(1);

        clock.advance(MtaStsPolicyCache.FAILED_FETCH_PAUSE);
        served.put("example.com", ENFORCE);
        assertThat(cache.policyFor("example.com")).isPresent();
    }

    private void publish(String domain, String id, String policy) {
        txt.put("_mta-sts." + domain, List.of("v=spf1 -all", "v=STSv1; id=" + id + ";"));
        served.put(domain, policy);
    }

    private static final class MutableClock extends Clock {
        static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
        private Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
