package org.imsajames.smtp;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.imsajames.generator.ConfFiles;
import org.imsajames.handlerconf.HandlerVocabulary;
import org.imsajames.policy.AddressMatcher;
import org.imsajames.policy.ConnectionPolicy;
import org.imsajames.policy.EntryParser;
import org.imsajames.policy.InvalidEntryException;
import org.imsajames.policy.ListEntry;
import org.imsajames.policy.ListFileException;
import org.imsajames.policy.PolicyFile;
import org.imsajames.policy.PolicyMode;
import org.imsajames.policy.ReadLimits;

/**
 * Where a connection-control policy comes from, as read from the {@code <handler>} element: the inline
 * {@code <entry>}s, an optional {@code <listFile>} and the mode, which lives in exactly one place: {@code <policy>}
 * (hand-written form) or the list file's {@code #! policy} line (as imsa-james writes it). The list file is read
 * again on every {@link #build}, and mode and entries come from that one read, so a reload can switch the mode
 * but never pair the new entries with the old mode.
 */
final class PolicySource {
    static final String POLICY = HandlerVocabulary.POLICY;
    static final String ENTRY = HandlerVocabulary.ENTRY;
    static final String LIST_FILE = HandlerVocabulary.LIST_FILE;
    static final String MAX_SHRINK_PERCENT = HandlerVocabulary.MAX_SHRINK_PERCENT;
    static final String MAX_FILE_BYTES = HandlerVocabulary.MAX_FILE_BYTES;
    static final String MAX_LINE_LENGTH = HandlerVocabulary.MAX_LINE_LENGTH;
    static final int DEFAULT_MAX_SHRINK_PERCENT = HandlerVocabulary.DEFAULT_MAX_SHRINK_PERCENT;
    /** conf/imsa/generations/ID, as ConfPublisher publishes. */
    static final String GENERATIONS = ConfFiles.GENERATIONS;

    private final PolicyMode configuredMode;
    private final List<ListEntry> inlineEntries;
    private final Path listFile;
    private final int maxShrinkPercent;
    private final ReadLimits limits;

    private PolicySource(PolicyMode configuredMode, List<ListEntry> inlineEntries, Path listFile,
            int maxShrinkPercent, ReadLimits limits) {
        this.configuredMode = configuredMode;
        this.inlineEntries = List.copyOf(inlineEntries);
        this.listFile = listFile;
        this.maxShrinkPercent = maxShrinkPercent;
        this.limits = limits;
    }

    static PolicySource fromConfiguration(Configuration config, FileSystem fileSystem) throws ConfigurationException {
        List<ListEntry> inline = new ArrayList<>();
        for (String text : config.getList(String.class, ENTRY, List.of())) {
            inline.add(inlineEntry(text));
        }
        String location = config.getString(LIST_FILE, null);
        Path listFile = location == null ? null : resolve(location.trim(), fileSystem);
        PolicyMode mode = mode(config);
        if (mode == null && listFile == null) {
            throw new ConfigurationException("ConnectionControlHandler: missing <policy> (accept-all-except or "
                + "deny-all-except); without a <listFile> saying '#! policy', the mode must be in smtpserver.xml");
        }
        int shrink = intSetting(config, MAX_SHRINK_PERCENT, DEFAULT_MAX_SHRINK_PERCENT, 0, 100);
        long maxBytes = config.getLong(MAX_FILE_BYTES, ReadLimits.DEFAULT_MAX_FILE_BYTES);
        if (maxBytes < 1) {
            throw new ConfigurationException("ConnectionControlHandler: <" + MAX_FILE_BYTES + "> must be positive, not "
                + maxBytes);
        }
        int maxLine = intSetting(config, MAX_LINE_LENGTH, ReadLimits.DEFAULT_MAX_LINE_LENGTH, 1, Integer.MAX_VALUE);
        return new PolicySource(mode, inline, listFile, shrink, new ReadLimits(maxBytes, maxLine));
    }

    /**
     * The policy as it stands now: the inline entries plus the list file's current content, or a ListFileException
     * saying why the file cannot be used. PREVIOUS (null at start-up) is the generation in force, for the shrink
     * rule: without {@code #! entries}, a file that drops to zero entries or by more than {@code <maxShrinkPercent>}
     * looks like a write still under way and is refused.
     */
    PolicyGeneration build(PolicyGeneration previous) throws ListFileException {
        AddressMatcher.Builder matcher = AddressMatcher.builder();
        inlineEntries.forEach(matcher::add);
        if (listFile == null) {
            return new PolicyGeneration(new ConnectionPolicy(configuredMode, matcher.build()), 0, "", null);
        }
        Path folder = folderOf(listFile);
        String generation = folder == null || folder.getFileName() == null ? null : folder.getFileName().toString();
        boolean published = folder != null && folder.getParent() != null && folder.getParent().getFileName() != null
            && folder.getParent().getFileName().toString().equals(GENERATIONS);
        // Streamed: a million-line file never sits in memory as lines or entries.
        PolicyFile file = PolicyFile.read(listFile, limits, matcher::add);
        PolicyMode mode = modeOf(file);
        if (previous != null) {
            checkShrink(file, previous);
        }
        return new PolicyGeneration(new ConnectionPolicy(mode, matcher.build()), file.entries(), file.sha256(),
            generation, published);
    }

    private PolicyMode modeOf(PolicyFile file) throws ListFileException {
        Optional<PolicyMode> fromFile = file.mode();
        if (fromFile.isPresent() && configuredMode != null) {
            throw new ListFileException(file.sourceName(), file.modeLine(), "says '#! policy "
                + fromFile.get().setting() + "' but smtpserver.xml has <policy>" + configuredMode.setting()
                + "</policy> too: keep the mode in one place (remove <policy> when the list file carries it)");
        }
        if (fromFile.isEmpty() && configuredMode == null) {
            throw new ListFileException(file.sourceName(), 0, "has no '#! policy' line and smtpserver.xml no "
                + "<policy>: the mode (accept-all-except or deny-all-except) must be in one of them");
        }
        return fromFile.orElse(configuredMode);
    }

    private void checkShrink(PolicyFile file, PolicyGeneration previous) throws ListFileException {
        OptionalInt declared = file.declaredEntries();
        int before = previous.fileEntries();
        int now = file.entries();
        if (declared.isPresent() || now >= before) {
            return; // counted and checked by the reader, or not a shrink
        }
        boolean toZero = now == 0;
        boolean tooMuch = (long) (before - now) * 100 > (long) maxShrinkPercent * before;
        if (toZero || tooMuch) {
            throw new ListFileException(file.sourceName(), 0, "holds " + now + " entr" + (now == 1 ? "y" : "ies")
                + " where the policy in force has " + before + (toZero ? "" : ", more than " + maxShrinkPercent
                + "% fewer (<maxShrinkPercent>)") + ": refused as a write that may still be under way; if this is "
                + "meant, add '#! entries " + now + "' at the top of the file to confirm");
        }
    }

    /** The folder the list file really sits in, when symlinks lead elsewhere (imsa/current, Kubernetes ..data). */
    private static Path folderOf(Path file) {
        try {
            Path real = file.toRealPath();
            boolean throughSymlink = !real.equals(file.toAbsolutePath().normalize());
            return throughSymlink ? real.getParent() : null;
        } catch (IOException | SecurityException e) {
            return null; // the read that follows says what is wrong
        }
    }

    Optional<Path> listFile() {
        return Optional.ofNullable(listFile);
    }

    private static PolicyMode mode(Configuration config) throws ConfigurationException {
        String value = config.getString(POLICY, null);
        if (value == null) {
            return null;
        }
        try {
            return PolicyMode.fromSetting(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("ConnectionControlHandler: " + e.getMessage(), e);
        }
    }

    private static int intSetting(Configuration config, String key, int defaultValue, int min, int max)
            throws ConfigurationException {
        int value;
        try {
            value = config.getInt(key, defaultValue);
        } catch (RuntimeException e) {
            throw new ConfigurationException("ConnectionControlHandler: <" + key + "> must be a number", e);
        }
        if (value < min || value > max) {
            throw new ConfigurationException("ConnectionControlHandler: <" + key + "> must be between " + min
                + " and " + max + ", not " + value);
        }
        return value;
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
