package org.imsajames.generator;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;

/**
 * conf/imsa/.lock, held with an OS file lock (fcntl) for the whole of one generate: reading the current
 * generation, staging, switching and pruning. A second generate waits for it, up to a bound, and then gives up
 * without touching anything. The OS drops the lock when the holder dies, even by SIGKILL, so a killed run never
 * leaves the folder locked.
 */
final class PublishLock implements AutoCloseable {
    private static final long POLL_MILLIS = 50;

    private final FileChannel channel;
    private final FileLock lock;

    private PublishLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static PublishLock acquire(Path lockFile, Duration wait) throws IOException, ConfFolderBusyException,
            InterruptedException {
        FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                Durable.OWNER_ONLY_FILE);
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new PublishLock(channel, lock);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new ConfFolderBusyException(lockFile + ": another imsa-james generate holds this lock and"
                            + " did not finish within " + wait.toSeconds() + " s; nothing was changed. Try again when"
                            + " it has finished");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | ConfFolderBusyException | InterruptedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Null while another process, or another thread of this JVM, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
