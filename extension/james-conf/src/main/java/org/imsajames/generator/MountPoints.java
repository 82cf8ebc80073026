package org.imsajames.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds files that are mount points of their own, the way {@code docker run -v host.xml:/root/conf/smtpserver.xml}
 * makes them. Nothing can be renamed over such a file (EBUSY), and a file the host replaces by rename is not seen
 * through it: the only fix is mounting the whole conf folder.
 */
final class MountPoints {
    private static final Path MOUNT_INFO = Path.of("/proc/self/mountinfo");

    private final Set<String> mountPoints;

    private MountPoints(Set<String> mountPoints) {
        this.mountPoints = mountPoints;
    }

    /** This process's mount table; empty where there is no /proc (then only the device comparison is used). */
    static MountPoints ofThisProcess() throws IOException {
        Set<String> points = new HashSet<>();
        if (Files.isReadable(MOUNT_INFO)) {
            for (String line : Files.readAllLines(MOUNT_INFO, StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ");
                if (fields.length > 4) {
                    points.add(unescape(fields[4]));
                }
            }
        }
        return new MountPoints(points);
    }

    /**
     * True when the entry (not what a symlink points at) is a mount point: listed in the mount table, or on
     * another device than its folder (a bind mount of a file on the same file system has the same device, hence
     * both checks).
     */
    boolean isMountPoint(Path entry) throws IOException {
        if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path absolute = entry.toAbsolutePath().normalize();
        Path folder = absolute.getParent().toRealPath();
        Path real = folder.resolve(absolute.getFileName());
        if (mountPoints.contains(real.toString())) {
            return true;
        }
        Object entryDevice = Files.getAttribute(real, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        Object folderDevice = Files.getAttribute(folder, "unix:dev");
        return !entryDevice.equals(folderDevice);
    }

    /** Refuses a conf folder where any of these names is a mount point of its own. */
    void refuseSingleFileMounts(Path confFolder, List<String> names) throws IOException, ConfFolderException {
        for (String name : names) {
            Path file = confFolder.resolve(name);
            if (isMountPoint(file)) {
                throw new ConfFolderException(file + " is a mount point of its own (a single-file bind mount):"
                        + " nothing can be renamed over it, and a file replaced on the host is not seen through it."
                        + " Mount the whole conf folder instead (e.g. docker run -v /srv/james/conf:/root/conf);"
                        + " nothing was changed");
            }
        }
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes. */
    private static String unescape(String field) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
