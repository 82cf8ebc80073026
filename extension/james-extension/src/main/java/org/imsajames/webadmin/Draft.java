package org.imsajames.webadmin;

import java.util.List;

/** What a save puts in the new generation, in place of the current one's screen files. */
final class Draft {
    final ScreenList list;
    final boolean tlsOnly;
    /** The new keystore, or null to carry the current one over. */
    final byte[] keystore;
    final CertificateSummary certificate;
    final String restoredFrom;
    final List<String> extraChanges;

    Draft(ScreenList list, boolean tlsOnly, byte[] keystore, CertificateSummary certificate, String restoredFrom,
            List<String> extraChanges) {
        this.list = list;
        this.tlsOnly = tlsOnly;
        this.keystore = keystore;
        this.certificate = certificate;
        this.restoredFrom = restoredFrom;
        this.extraChanges = List.copyOf(extraChanges);
    }

    static Draft of(Snapshot current, ScreenList list, boolean tlsOnly) {
        return new Draft(list, tlsOnly, null, current.certificate(), null, List.of());
    }
}
