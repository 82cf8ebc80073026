package org.imsajames.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a save puts in the new generation, in place of the current one's screen files. */
final class Draft {
    final ScreenList list;
    final boolean tlsOnly;
    /** The new keystore, or null to carry the current one over. */
    final byte[] keystore;
    final CertificateSummary certificate;
    final String restoredFrom;
    final List<String> extraChanges;
    /** Marks a file of {@link #serverFiles} that the new generation must not have. */
    static final byte[] REMOVED = new byte[0];
    /**
     * New smtpserver.xml / mailetcontainer.xml (read by James at start), or {@link #REMOVED}; absent ones are
     * carried over.
     */
    final Map<String, byte[]> serverFiles;

    Draft(ScreenList list, boolean tlsOnly, byte[] keystore, CertificateSummary certificate, String restoredFrom,
            List<String> extraChanges) {
        this(list, tlsOnly, keystore, certificate, restoredFrom, extraChanges, Map.of());
    }

    private Draft(ScreenList list, boolean tlsOnly, byte[] keystore, CertificateSummary certificate,
            String restoredFrom, List<String> extraChanges, Map<String, byte[]> serverFiles) {
        this.list = list;
        this.tlsOnly = tlsOnly;
        this.keystore = keystore;
        this.certificate = certificate;
        this.restoredFrom = restoredFrom;
        this.extraChanges = List.copyOf(extraChanges);
        this.serverFiles = Map.copyOf(serverFiles);
    }

    static Draft of(Snapshot current, ScreenList list, boolean tlsOnly) {
        return new Draft(list, tlsOnly, null, current.certificate(), null, List.of());
    }

    /** This draft without NAME, a file the current generation may hold. */
    Draft withoutFile(String name) {
        Map<String, byte[]> files = new LinkedHashMap<>(serverFiles);
        files.put(name, REMOVED);
        return new Draft(list, tlsOnly, keystore, certificate, restoredFrom, extraChanges, files);
    }

    /** This draft with NAME (smtpserver.xml or mailetcontainer.xml) replaced by BYTES; null keeps the current one. */
    Draft withServerFile(String name, byte[] bytes) {
        if (bytes == null) {
            return this;
        }
        Map<String, byte[]> files = new LinkedHashMap<>(serverFiles);
        files.put(name, bytes);
        return new Draft(list, tlsOnly, keystore, certificate, restoredFrom, extraChanges, files);
    }
}
