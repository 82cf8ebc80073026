package org.imsajames.hardening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/** Open file descriptors and resident memory of a Linux process, read from /proc. */
final class ProcessResources {
    private final Path proc;

    ProcessResources(long pid) {
        this.proc = Paths.get("/proc", Long.toString(pid));
    }

    int openFileDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(proc.resolve("fd"))) {
            return (int) descriptors.count();
        }
    }

    /** VmRSS: resident memory now. */
    long residentKb() throws IOException {
        return statusKb("VmRSS:");
    }

    /** VmHWM: the highest resident memory so far. */
    long peakResidentKb() throws IOException {
        return statusKb("VmHWM:");
    }

    private long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
            }
        }
        throw new IOException(proc.resolve("status") + " has no " + field);
    }
}
