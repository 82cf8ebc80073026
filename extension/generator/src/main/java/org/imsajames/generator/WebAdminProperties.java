package org.imsajames.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.imsajames.settings.WebAdminSettings;

/**
 * conf/webadmin.properties from the settings' {@code webAdmin:} section: James's WebAdmin on loopback unless the
 * settings say otherwise, JWT on when a public key is given (copied to conf/, so that the conf folder stands alone),
 * our Connections routes (the API and its page) and James's Prometheus {@code /metrics} in {@code extensions.routes}, and the number of
 * versions the screen keeps. James reads the file at start only; it is replaced whole (written, forced, renamed).
 */
final class WebAdminProperties {
    static final String FILE = "webadmin.properties";
    static final String JWT_PUBLIC_KEY = "imsa-webadmin-jwt.pub";
    static final String ROUTES = "org.imsajames.webadmin.ConnectionsRoutes,"
            + "org.imsajames.webadmin.ui.ConnectionsPageRoutes,"
            + "org.apache.james.webadmin.dropwizard.MetricsRoutes";

    private WebAdminProperties() {
    }

    static String render(WebAdminSettings webAdmin) {
        StringBuilder text = new StringBuilder();
        text.append("# Written by imsa-james generate from the settings' webAdmin: section; James reads it at start.\n");
        text.append("enabled=").append(webAdmin.enabled()).append('\n');
        text.append("host=").append(webAdmin.bindAddress()).append('\n');
        text.append("port=").append(webAdmin.port()).append('\n');
        if (webAdmin.jwtPublicKey().isPresent()) {
            text.append("jwt.enabled=true\n");
            text.append("jwt.publickeypem.url=file://conf/").append(JWT_PUBLIC_KEY).append('\n');
        } else {
            text.append("# No webAdmin.jwtPublicKey: no authentication; keep host on loopback.\n");
            text.append("jwt.enabled=false\n");
        }
        text.append("# The Connections screen (everything under /imsa/connections is authenticated; its page, /imsa/ui,"
            + " is a public static shell) and /metrics.\n");
        text.append("extensions.routes=").append(ROUTES).append('\n');
        text.append("# Versions of conf/imsa the screen's history shows and restores (read by our routes).\n");
        text.append("imsa.historyVersions=").append(webAdmin.historyVersions()).append('\n');
        return text.toString();
    }

    static void write(WebAdminSettings webAdmin, Path conf) throws IOException {
        if (webAdmin.jwtPublicKey().isPresent()) {
            replace(conf, JWT_PUBLIC_KEY, Files.readAllBytes(webAdmin.jwtPublicKey().get()));
        }
        replace(conf, FILE, render(webAdmin).getBytes(StandardCharsets.UTF_8));
    }

    private static void replace(Path conf, String name, byte[] content) throws IOException {
        Path temporary = conf.resolve(ConfFiles.LINK_PREFIX + name);
        Files.deleteIfExists(temporary);
        Durable.writeNew(temporary, content);
        Files.move(temporary, conf.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durable.forceFolder(conf);
    }
}
