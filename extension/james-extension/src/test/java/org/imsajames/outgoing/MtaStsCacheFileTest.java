package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache on disk: what James writes it reads back; a restart keeps enforcing with the policy host down. */
class MtaStsCacheFileTest {
    private static final String ENFORCE = "version: STSv1\nmode: enforce\nmx: mx.example.com\nmx: *.example.net\n"
            + "max_age: 86400\n";
    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

    @TempDir
    Path home;

    private Path file() {
        return home.resolve(MtaStsCacheFile.RELATIVE_PATH);
    }

    @Test
    void writesAtomicallyAndReadsBackEveryField() throws Exception {
        MtaStsCacheFile cacheFile = new MtaStsCacheFile(file());
        MtaStsPolicy policy = MtaStsPolicyParser.parse(ENFORCE.getBytes(US_ASCII));
        cacheFile.write(List.of(new MtaStsPolicyCache.CachedPolicy("example.com", "20261202", policy, NOW)));

        List<MtaStsPolicyCache.CachedPolicy> read = cacheFile.read();

        assertThat(read).singleElement().satisfies(cached -> {
            assertThat(cached.domain()).isEqualTo("example.com");
            assertThat(cached.id()).isEqualTo("20261202");
            assertThat(cached.policy().mode()).isEqualTo(MtaStsMode.ENFORCE);
            assertThat(cached.policy().mx()).extracting(Object::toString).containsExactly("mx.example.com", "*.example.net");
            assertThat(cached.expires()).isEqualTo(NOW.plusSeconds(86400));
        });
        assertThat(Files.readString(file(), UTF_8)).contains("\"expires\": \"2026-12-03T03:00:00Z\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-r--r--");
        try (var left = Files.list(file().getParent())) {
            assertThat(left).containsExactly(file());
        }
    }

    @Test
    void noFileIsAnEmptyCacheAndAnythingUnreadableIsAnError() throws Exception {
        MtaStsCacheFile cacheFile = new MtaStsCacheFile(file());
        assertThat(cacheFile.read()).isEmpty();

        Files.createDirectories(file().getParent());
        for (String bad : List.of("", "{", "[]", "{\"policies\": []}",
                "{\"format\": \"imsa-james mta-sts cache 1\", \"policies\": [{\"domain\": \"a b\"}]}",
                "{\"format\": \"imsa-james mta-sts cache 1\", \"policies\": [{\"domain\": \"example.com\", \"id\": \"1\","
                        + " \"mode\": \"enforce\", \"max_age\": 99999999999, \"mx\": [], \"fetched\": \"x\"}]}")) {
            Files.writeString(file(), bad);
            assertThatThrownBy(cacheFile::read).as(bad).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aRestartWithThePolicyHostDownStillEnforcesTheSavedPolicy() throws Exception {
        MtaStsCacheFile cacheFile = new MtaStsCacheFile(file());
        MtaStsPolicyCache.PolicyStore store = new MtaStsPolicyCache.PolicyStore() {
            @Override
            public List<MtaStsPolicyCache.CachedPolicy> load() throws IOException {
                return cacheFile.read();
            }

            @Override
            public void save(List<MtaStsPolicyCache.CachedPolicy> policies) throws IOException {
                cacheFile.write(policies);
            }
        };
        AtomicReference<String> txtId = new AtomicReference<>("1");
        Map<String, String> served = new java.util.HashMap<>(Map.of("example.com", ENFORCE));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        MtaStsPolicyCache.TxtLookup txt = name -> List.of("v=STSv1; id=" + txtId.get() + ";");
        MtaStsPolicyCache.PolicyFetcher fetcher = domain -> {
            String body = served.get(domain);
            if (body == null) {
                throw new MtaStsPolicyException("connection refused");
            }
            return body.getBytes(US_ASCII);
        };
        new MtaStsPolicyCache(txt, fetcher, clock, store).policyFor("example.com");

        served.clear();
        txtId.set("2");
        MtaStsPolicyCache restarted = new MtaStsPolicyCache(txt, fetcher, Clock.offset(clock,
                java.time.Duration.ofHours(1)), store);

        assertThat(restarted.policyFor("example.com")).hasValueSatisfying(policy -> {
            assertThat(policy.id()).isEqualTo("1");
            assertThat(policy.policy().mode()).isEqualTo(MtaStsMode.ENFORCE);
        });
    }
}
