package org.imsajames.webadmin.ui;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.webadmin.PublicRoutes;

import spark.Response;
import spark.Service;

/**
 * The Connections screen's page: {@code GET /imsa/ui} and its two assets, the one public part of the screen.
 *
 * <p>A browser cannot send a Bearer header when it opens a page, so this route is a {@link PublicRoutes} (James
 * puts no authentication filter in front of it) and lies outside {@code /imsa/connections}, the authenticated base
 * path of the API. That is safe only because what it serves is a fixed shell from the jar: no state, no secret, no
 * request data echoed. The page asks for the WebAdmin token itself and shows only what the authenticated API
 * returns. Only the three listed paths exist; nothing is looked up from the request path, so there is nothing to
 * traverse.
 */
public final class ConnectionsPageRoutes implements PublicRoutes {
    public static final String BASE_PATH = "/imsa/ui";

    /** Same-origin scripts, styles and fetches only; no inline script or style, no framing, no plugins, no forms. */
    static final String CONTENT_SECURITY_POLICY =
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

    private final List<PageAsset> assets;

    @Inject
    public ConnectionsPageRoutes() {
        this.assets = List.of(
            PageAsset.fromJar(BASE_PATH, "index.html", "text/html; charset=utf-8"),
            PageAsset.fromJar(BASE_PATH + "/app.js", "app.js", "text/javascript; charset=utf-8"),
            PageAsset.fromJar(BASE_PATH + "/app.css", "app.css", "text/css; charset=utf-8"));
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        for (PageAsset asset : assets) {
            service.get(asset.path(), (request, response) -> serve(asset, response));
        }
    }

    private static byte[] serve(PageAsset asset, Response response) {
        // WebAdmin's own before-filter has set JSON for every response: the type is set again here.
        response.type(asset.mediaType());
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        // WebAdmin's CORS filter answers "*" to every origin; the page is same-origin only, so it says nothing.
        response.raw().setHeader("Access-Control-Allow-Origin", null);
        // The shell is small and changes with the jar: always fetched again, so a James upgrade is seen at once.
        response.header("Cache-Control", "no-store");
        return asset.content();
    }
}
