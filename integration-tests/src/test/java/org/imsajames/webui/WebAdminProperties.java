package org.imsajames.webui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** James's conf/webadmin.properties for the screen's tests: WebAdmin on loopback, JWT on, our routes loaded. */
final class WebAdminProperties {
    static final String PAGE_ROUTES = "org.imsajames.webadmin.ui.ConnectionsPageRoutes";

    private WebAdminProperties() {
    }

    /**
     * Writes HOME/conf/webadmin.properties and the JWT public key it names; ROUTES are comma separated class names.
     * TOKENS null: WebAdmin without JWT (James's default), every request is accepted as "admin".
     */
    static void writeInto(Path home, int port, WebAdminTokens tokens, String routes) throws IOException {
        Path conf = Files.createDirectories(home.resolve("conf"));
        if (tokens != null) {
            tokens.writePublicKey(conf.resolve("jwt_publickey"));
        }
        Files.writeString(conf.resolve("webadmin.properties"), String.join("\n",
            "enabled=true",
            "port=" + port,
            "host=127.0.0.1",
            tokens == null ? "jwt.enabled=false" : "jwt.enabled=true\njwt.publickeypem.url=file://conf/jwt_publickey",
            "extensions.routes=" + routes,
            ""));
    }
}
