package org.imsajames.smtp;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.imsajames.policy.AddressMatcher;
import org.imsajames.policy.ConnectionPolicy;
import org.imsajames.policy.EntryParser;
import org.imsajames.policy.InvalidEntryException;
import org.imsajames.policy.ListEntry;
import org.imsajames.policy.ListFile;
import org.imsajames.policy.ListFileException;
import org.imsajames.policy.PolicyMode;

/**
 * Where a connection-control policy comes from, as read from the {@code <handler>} element: the policy mode, the
 * inline {@code <entry>}s and an optional {@code <listFile>}. The inline part is fixed; the list file is read
 * again on every {@link #build()}, so a changed file gives a new policy.
 */
final class PolicySource {
    static final String POLICY = "policy";
    static final String ENTRY = "entry";
    static final String LIST_FILE = "listFile";

    private final PolicyMode mode;
    private final List<ListEntry> inlineEntries;
    private final Path listFile;

    private PolicySource(PolicyMode mode, List<ListEntry> inlineEntries, Path listFile) {
        this.mode = mode;
        this.inlineEntries = List.copyOf(inlineEntries);
        this.listFile = listFile;
    }

    static PolicySource fromConfiguration(Configuration config, FileSystem fileSystem) throws ConfigurationException {
        List<ListEntry> inline = new ArrayList<>();
        for (String text : config.getList(String.class, ENTRY, List.of())) {
            inline.add(inlineEntry(text));
        }
        String location = config.getString(LIST_FILE, null);
        Path listFile = location == null ? null : resolve(location.trim(), fileSystem);
        return new PolicySource(mode(config), inline, listFile);
    }

    /** The policy as it stands now: the inline entries plus the list file's current content. */
    ConnectionPolicy build() throws ListFileException {
        AddressMatcher.Builder matcher = AddressMatcher.builder();
        inlineEntries.forEach(matcher::add);
        if (listFile != null) {
            // Streamed: a million-line file never sits in memory as lines or entries.
            ListFile.read(listFile, matcher::add);
        }
        return new ConnectionPolicy(mode, matcher.build());
    }

    Optional<Path> listFile() {
        return Optional.ofNullable(listFile);
    }

    PolicyMode mode() {
        return mode;
    }

    private static PolicyMode mode(Configuration config) throws ConfigurationException {
        String value = config.getString(POLICY, null);
        if (value == null) {
            throw new ConfigurationException("ConnectionControlHandler: missing <policy> (accept-all-except or deny-all-except)");
        }
        try {
            return PolicyMode.fromSetting(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("ConnectionControlHandler: " + e.getMessage(), e);
        }
    }

    private static ListEntry inlineEntry(String text) throws ConfigurationException {
        try {
            return EntryParser.parse(text, "smtpserver.xml <entry>");
        } catch (InvalidEntryException e) {
            throw new ConfigurationException("ConnectionControlHandler: <entry>: " + e.getMessage(), e);
        }
    }

    private static Path resolve(String location, FileSystem fileSystem) throws ConfigurationException {
        try {
            return fileSystem.getFile(location).toPath();
        } catch (FileNotFoundException e) {
            throw new ConfigurationException("ConnectionControlHandler: list file " + location + " not found", e);
        }
    }
}
