package org.imsajames.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a key or certificate file the operator named, with errors that say which file and why. */
final class TlsFile {

    /** Far above any real key or chain; keeps a wrong path (a log, an image) from being read whole. */
    private static final long MAX_SIZE = 1024 * 1024;
    private static final byte[] PEM_BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    private static final byte DER_SEQUENCE = 0x30;

    private TlsFile() {
    }

    /** How messages name the file: as the operator knows it. */
    static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    static byte[] read(Path file) throws TlsMaterialException {
        String name = name(file);
        try {
            if (!Files.exists(file)) {
                throw new TlsMaterialException(name + ": file not found (" + file.toAbsolutePath() + ")");
            }
            if (!Files.isRegularFile(file)) {
                throw new TlsMaterialException(name + ": not a regular file (" + file.toAbsolutePath() + ")");
            }
            if (Files.size(file) > MAX_SIZE) {
                throw new TlsMaterialException(name + ": file is too large to be a key or certificate file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsMaterialException(name + ": file not found (" + file.toAbsolutePath() + ")", e);
        } catch (AccessDeniedException e) {
            throw new TlsMaterialException(name + ": permission denied reading " + file.toAbsolutePath(), e);
        } catch (IOException e) {
            throw new TlsMaterialException(name + ": cannot read " + file.toAbsolutePath(), e);
        }
    }

    static boolean isPem(byte[] content) {
        for (int start = 0; start + PEM_BEGIN.length <= content.length; start++) {
            if (regionMatches(content, start, PEM_BEGIN)) {
                return true;
            }
        }
        return false;
    }

    static boolean looksLikeDer(byte[] content) {
        return content.length > 0 && content[0] == DER_SEQUENCE;
    }

    private static boolean regionMatches(byte[] content, int start, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (content[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
