package org.imsajames.generator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.w3c.dom.Document;

/** Where the James XML templates come from: the ones bundled in the jar, or an operator's folder (--templates). */
public final class Templates {
    private static final String BUNDLED_FOLDER = "/conf-templates/";

    private final Path folder;

    private Templates(Path folder) {
        this.folder = folder;
    }

    public static Templates bundled() {
        return new Templates(null);
    }

    public static Templates fromFolder(Path folder) {
        return new Templates(folder);
    }

    /** A fresh copy of the named template (each call parses again, so edits never leak between uses). */
    Document load(String fileName) throws ConfFolderException, IOException {
        if (folder == null) {
            try (InputStream input = Templates.class.getResourceAsStream(BUNDLED_FOLDER + fileName)) {
                if (input == null) {
                    throw new IllegalStateException("the bundled template " + fileName + " is missing from the jar");
                }
                return XmlFiles.parse(input, describe(fileName));
            }
        }
        Path file = folder.resolve(fileName);
        try (InputStream input = Files.newInputStream(file)) {
            return XmlFiles.parse(input, describe(fileName));
        } catch (NoSuchFileException e) {
            throw new ConfFolderException(file + ": template not found");
        }
    }

    String describe(String fileName) {
        return folder == null ? "bundled template " + fileName : folder.resolve(fileName).toString();
    }
}
