package org.imsajames.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What sits at a path that is not a regular file, in words for the operator ("a FIFO", "a directory"). */
final class FileKind {
    private static final int TYPE_BITS = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private FileKind() {
    }

    static String of(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            // Unix file systems only; elsewhere the generic word below is all we can say.
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & TYPE_BITS;
            switch (type) {
                case FIFO:
                    return "a FIFO";
                case CHARACTER_DEVICE:
                    return "a character device";
                case BLOCK_DEVICE:
                    return "a block device";
                case SOCKET:
                    return "a socket";
                default:
                    break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // fall through
        }
        return "a special file";
    }
}
