package org.imsajames.webui;

import org.imsajames.testkit.WebAdminTokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A hand-written conf/webadmin.properties (for a James without generated conf): loopback, JWT on, ROUTES loaded. */
final class WebAdminProperties {
    static final String PAGE_ROUTES = "org.imsajames.webadmin.ui.ConnectionsPageRoutes";

    private WebAdminProperties() {
    }

    /** Writes HOME/conf/webadmin.properties and the JWT public key it names; ROUTES are comma separated class names. */
    static void writeInto(Path home, int port, WebAdminTokens tokens, String routes) throws IOException {
        Path conf = Files.createDirectories(home.resolve("conf"));
        tokens.writePublicKey(conf.resolve("jwt_publickey"));
        Files.writeString(conf.resolve("webadmin.properties"), String.join("\n",
            "enabled=true",
            "port=" + port,
            "host=127.0.0.1",
            "jwt.enabled=true",
            "jwt.publickeypem.url=file://conf/jwt_publickey",
            "extensions.routes=" + routes,
            ""));
    }
}
