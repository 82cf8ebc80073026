package org.imsajames.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.imsajames.settings.SettingsException;
import org.imsajames.settings.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebAdminPropertiesTest {
    private static final String ROUTES = "extensions.routes=org.imsajames.webadmin.ConnectionsRoutes,"
            + "org.imsajames.webadmin.ui.ConnectionsPageRoutes,org.apache.james.webadmin.dropwizard.MetricsRoutes\n";

    @TempDir
    Path folder;
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);

    private GenerationReport generate(String... lines) throws Exception {
        Path settings = TestSettings.write(folder, "settings.yaml", lines);
        CheckedSettings checked = new SettingsChecker(clock).check(new SettingsLoader(Map.<String, String>of()::get)
                .load(settings));
        return new ConfGenerator(Templates.bundled(), clock).generate(checked, folder.resolve("conf"), false);
    }

    @Test
    void loopbackWithoutJwtUnlessTheSettingsSayOtherwise() throws Exception {
        generate("webAdmin: {}");
        String properties = Files.readString(folder.resolve("conf/webadmin.properties"));
        assertThat(properties).contains("enabled=true\n", "host=127.0.0.1\n", "port=8000\n", "jwt.enabled=false\n",
                ROUTES, "imsa.historyVersions=50\n");
        assertThat(folder.resolve("conf/imsa-webadmin-jwt.pub")).doesNotExist();
    }

    @Test
    void jwtWithTheGivenPublicKeyCopiedIntoConf() throws Exception {
        Files.writeString(folder.resolve("jwt.pub"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        generate("webAdmin: {host: all, port: 8080, jwtPublicKey: jwt.pub, historyVersions: 7}");
        String properties = Files.readString(folder.resolve("conf/webadmin.properties"));
        assertThat(properties).contains("host=0.0.0.0\n", "port=8080\n", "jwt.enabled=true\n",
                "jwt.publickeypem.url=file://conf/imsa-webadmin-jwt.pub\n", ROUTES, "imsa.historyVersions=7\n");
        assertThat(folder.resolve("conf/imsa-webadmin-jwt.pub")).hasSameTextualContentAs(folder.resolve("jwt.pub"));
    }

    @Test
    void withoutTheSectionWebadminPropertiesIsLeftAlone() throws Exception {
        Files.createDirectories(folder.resolve("conf"));
        Files.writeString(folder.resolve("conf/webadmin.properties"), "enabled=false\n");
        generate("connectionControl: {policy: accept-all-except}");
        assertThat(Files.readString(folder.resolve("conf/webadmin.properties"))).isEqualTo("enabled=false\n");
    }

    @Test
    void historyVersionsIsHowManyGenerationsAreKept() throws Exception {
        for (int i = 0; i < 5; i++) {
            generate("webAdmin: {historyVersions: 3}", "connectionControl: {policy: accept-all-except, entries: ['10.0.0."
                    + i + "']}");
            Thread.sleep(2);
        }
        try (var generations = Files.list(folder.resolve("conf/imsa/generations"))) {
            assertThat(generations.count()).isEqualTo(3);
        }
    }

    @Test
    void badValuesAreRefusedWithTheKey() throws Exception {
        assertThatThrownBy(() -> generate("webAdmin: {host: example.com}")).isInstanceOf(SettingsException.class)
                .hasMessageContaining("webAdmin.host").hasMessageContaining("not loopback, all or an IPv4 address");
        assertThatThrownBy(() -> generate("webAdmin: {jwtPublicKey: missing.pub}"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("webAdmin.jwtPublicKey");
        assertThatThrownBy(() -> generate("webAdmin: {historyVersions: 1}")).isInstanceOf(SettingsException.class)
                .hasMessageContaining("webAdmin.historyVersions");
        assertThatThrownBy(() -> generate("webAdmin: {passwd: x}")).isInstanceOf(SettingsException.class)
                .hasMessageContaining("unknown key 'webAdmin.passwd'");
    }
}
