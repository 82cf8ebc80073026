package org.imsajames.smtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps what the watcher would log, as "LEVEL text", so tests can count the lines. */
final class RecordingWatcherLog extends WatcherLog {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    void info(String line) {
        lines.add("INFO " + line);
    }

    @Override
    void warn(String line) {
        lines.add("WARN " + line);
    }

    @Override
    void debug(String line) {
        lines.add("DEBUG " + line);
    }

    /** Lines at INFO or above: what an operator sees. */
    List<String> visible() {
        synchronized (lines) {
            return lines.stream().filter(line -> !line.startsWith("DEBUG")).collect(Collectors.toList());
        }
    }

    List<String> all() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
