package org.imsajames.smtp;

import java.io.File;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.List;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the connection-control policy from a {@code <handler>} element: policy, inline entries, list file. */
final class PolicyConfiguration {
    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyConfiguration.class);
    static final String POLICY = "policy";
    static final String ENTRY = "entry";
    static final String LIST_FILE = "listFile";

    private final FileSystem fileSystem;

    PolicyConfiguration(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    ConnectionPolicy load(Configuration config) throws ConfigurationException {
        PolicyMode mode = mode(config);
        List<ListEntry> entries = new ArrayList<>();
        for (String text : config.getList(String.class, ENTRY, List.of())) {
            entries.add(inlineEntry(text));
        }
        String listFile = config.getString(LIST_FILE, null);
        if (listFile != null) {
            entries.addAll(readListFile(listFile));
        }
        if (entries.isEmpty() && mode == PolicyMode.DENY_ALL_EXCEPT) {
            // Legal (it fails closed), but an empty import is more often an accident than a wish.
            LOGGER.warn("ConnectionControlHandler: deny-all-except with an empty list refuses every client");
        }
        return new ConnectionPolicy(mode, AddressMatcher.of(entries));
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

    private List<ListEntry> readListFile(String location) throws ConfigurationException {
        try {
            File file = fileSystem.getFile(location.trim());
            return ListFile.read(file.toPath());
        } catch (FileNotFoundException e) {
            throw new ConfigurationException("ConnectionControlHandler: list file " + location + " not found", e);
        } catch (ListFileException e) {
            throw new ConfigurationException("ConnectionControlHandler: " + e.getMessage(), e);
        }
    }
}
