package org.imsajames.smtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;

/**
 * What the watcher compares between polls, of the file the list path leads to after following symlinks:
 * identity (device and inode), size, modification time and change time, and the real path. The change time
 * catches what the others miss: {@code cp -p} of a same-length list with an old mtime, a {@code chmod} that makes
 * an unreadable file readable. The real path catches a symlink swapped to another generation's copy.
 */
final class FileState {
    static final FileState MISSING = new FileState(null, -1, null, null, null, "missing");
    private static final String UNIX_ATTRIBUTES = "unix:fileKey,size,lastModifiedTime,ctime";

    private final Object fileKey;
    private final long size;
    private final FileTime modified;
    private final FileTime changed;
    private final String realPath;
    private final String problem;

    private FileState(Object fileKey, long size, FileTime modified, FileTime changed, String realPath, String problem) {
        this.fileKey = fileKey;
        this.size = size;
        this.modified = modified;
        this.changed = changed;
        this.realPath = realPath;
        this.problem = problem;
    }

    static FileState of(Path file) {
        try {
            String realPath = file.toRealPath().toString();
            try {
                Map<String, Object> unix = Files.readAttributes(file, UNIX_ATTRIBUTES);
                return new FileState(unix.get("fileKey"), (Long) unix.get("size"),
                    (FileTime) unix.get("lastModifiedTime"), (FileTime) unix.get("ctime"), realPath, null);
            } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
                // Not a Unix file system: no change time, the rest still tells most changes.
                BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileState(basic.fileKey(), basic.size(), basic.lastModifiedTime(), null, realPath, null);
            }
        } catch (NoSuchFileException e) {
            return MISSING;
        } catch (IOException | SecurityException e) {
            return new FileState(null, -1, null, null, null, e.getClass().getName() + ": " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FileState)) {
            return false;
        }
        FileState that = (FileState) other;
        return size == that.size && Objects.equals(fileKey, that.fileKey) && Objects.equals(modified, that.modified)
            && Objects.equals(changed, that.changed) && Objects.equals(realPath, that.realPath)
            && Objects.equals(problem, that.problem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileKey, size, modified, changed, realPath, problem);
    }

    @Override
    public String toString() {
        return problem != null ? problem
            : realPath + " key=" + fileKey + " size=" + size + " mtime=" + modified + " ctime=" + changed;
    }
}
