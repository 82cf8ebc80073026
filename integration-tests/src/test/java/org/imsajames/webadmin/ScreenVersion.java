package org.imsajames.webadmin;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What one version of the Connections screen must hold, as the crash test sent it: the list (accept all except
 * these), TLS only, the certificate served, and the audit record of the save that made it (none for a generation
 * of imsa-james generate). VERSION is null for a save whose generation ID James has not told yet.
 */
final class ScreenVersion {
    final String version;
    final List<String> entries;
    final boolean tlsOnly;
    final X509Certificate certificate;
    final String auditBy;
    final List<String> auditChanges;

    ScreenVersion(String version, List<String> entries, boolean tlsOnly, X509Certificate certificate, String auditBy,
            List<String> auditChanges) {
        this.version = version;
        this.entries = List.copyOf(entries);
        this.tlsOnly = tlsOnly;
        this.certificate = certificate;
        this.auditBy = auditBy;
        this.auditChanges = auditChanges == null ? null : List.copyOf(auditChanges);
    }

    ScreenVersion withVersion(String id) {
        return new ScreenVersion(id, entries, tlsOnly, certificate, auditBy, auditChanges);
    }

    /** The list replaced by ENTRIES; the audit lists additions, then removals, as AuditRecord does. */
    ScreenVersion withEntries(List<String> next, String by) {
        List<String> changes = new ArrayList<>();
        next.stream().filter(entry -> !entries.contains(entry)).forEach(entry -> changes.add("+ " + entry));
        entries.stream().filter(entry -> !next.contains(entry)).forEach(entry -> changes.add("- " + entry));
        return new ScreenVersion(null, next, tlsOnly, certificate, by, changes);
    }

    ScreenVersion withTlsOnly(boolean next, String by) {
        return new ScreenVersion(null, entries, next, certificate, by, List.of("tlsOnly " + tlsOnly + " -> " + next));
    }

    ScreenVersion withCertificate(X509Certificate next, String by) throws Exception {
        return new ScreenVersion(null, entries, tlsOnly, next, by, List.of("certificate "
            + ConnectionsApiInJamesTest.fingerprint(certificate) + " -> " + ConnectionsApiInJamesTest.fingerprint(next)));
    }

    @Override
    public String toString() {
        return (version == null ? "(new)" : version) + " " + entries + " tlsOnly=" + tlsOnly + " certificate="
            + certificate.getSubjectX500Principal().getName() + " by " + auditBy;
    }
}
