package org.imsajames.smtp;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.james.filesystem.api.FileSystem;

/** Resolves James's {@code file://conf/...} URLs against a test folder, as James does against its conf/. */
final class TestFileSystem implements FileSystem {
    private final Path confDir;

    TestFileSystem(Path confDir) {
        this.confDir = confDir;
    }

    @Override
    public InputStream getResource(String url) throws java.io.IOException {
        return Files.newInputStream(getFile(url).toPath());
    }

    @Override
    public File getFile(String url) throws FileNotFoundException {
        String prefix = FileSystem.FILE_PROTOCOL_AND_CONF;
        if (!url.startsWith(prefix)) {
            throw new FileNotFoundException("unsupported in tests: " + url);
        }
        File file = confDir.resolve(url.substring(prefix.length())).toFile();
        if (!file.exists()) {
            throw new FileNotFoundException(file.toString());
        }
        return file;
    }

    @Override
    public File getBasedir() {
        return confDir.getParent().toFile();
    }
}
