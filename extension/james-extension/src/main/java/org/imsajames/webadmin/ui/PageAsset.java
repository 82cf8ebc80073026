package org.imsajames.webadmin.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** One file of the Connections page, read once from the jar: its URL path, media type and bytes. */
final class PageAsset {
    private static final String RESOURCE_FOLDER = "/org/imsajames/webadmin/ui/";

    private final String path;
    private final String mediaType;
    private final byte[] content;

    private PageAsset(String path, String mediaType, byte[] content) {
        this.path = path;
        this.mediaType = mediaType;
        this.content = content;
    }

    /** The asset served at PATH from the jar resource RESOURCE_NAME; a missing resource is a broken jar. */
    static PageAsset fromJar(String path, String resourceName, String mediaType) {
        try (InputStream in = PageAsset.class.getResourceAsStream(RESOURCE_FOLDER + resourceName)) {
            if (in == null) {
                throw new IllegalStateException("Connections page resource " + resourceName + " is missing from the jar");
            }
            return new PageAsset(path, mediaType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Connections page resource " + resourceName, e);
        }
    }

    String path() {
        return path;
    }

    String mediaType() {
        return mediaType;
    }

    byte[] content() {
        return content.clone();
    }
}
