package org.imsajames.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the watcher says what changed: slf4j in James, a recorder in tests (which count the lines). */
class WatcherLog {
    private static final Logger LOGGER = LoggerFactory.getLogger(ListFileWatcher.class);

    /** A state change worth one line: a new policy in force, or a file usable again. */
    void info(String line) {
        LOGGER.info(line);
    }

    /** A new reason for keeping the previous policy. */
    void warn(String line) {
        LOGGER.warn(line);
    }

    /** The same reason again: kept out of the normal log. */
    void debug(String line) {
        LOGGER.debug(line);
    }
}
